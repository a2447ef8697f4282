import type { ReceiptData } from '@layso/printer-drivers';
import type { ReceiptBody } from '@layso/protocol';
import type { Store } from '../db/store.js';
import { fail } from '../errors.js';
import type { CounterActor } from './queue.js';

/** Printed where the applicant's name goes when nobody gave it: a line to write it on by hand. */
const BLANK_NAME = '.'.repeat(40);

/** A catalogue's processing time only when it says its unit: "5 Ngày làm việc", not a bare "1" (days? hours?). */
const withUnit = (t: string | null | undefined): string | null => (t && /\p{L}/u.test(t) ? t : null);

/**
 * What the Mẫu 01 receipt-and-appointment slip of a finished ticket says, for the officer seated at the counter
 * that finished it. Refuses a ticket of another counter (LAYSO_WRONG_COUNTER), one that is not a received
 * dossier (LAYSO_RECEIPT_NOT_RECEIVED) and one without an appointment (LAYSO_RECEIPT_NEEDS_APPOINTMENT): the
 * slip says only what the dossier — and so the provincial record — says. Personal data stays in the reply to
 * the printer: nothing here is logged. The slip's QR opens the dossier's status page (`/h/<code>`) on a phone,
 * and the kiosk reads the code from it; its barcode carries the bare code.
 */
export function receiptFor(
  store: Store,
  centerName: string,
  ticketId: number,
  actor: CounterActor,
  body: ReceiptBody,
  /** The server's public base URL (PUBLIC_URL). */
  publicBase: string,
): ReceiptData {
  const ticket = store.tickets.byId(ticketId) ?? fail('LAYSO_TICKET_NOT_FOUND');
  const counter = store.counters.byId(actor.counterId) ?? fail('LAYSO_COUNTER_NOT_FOUND');
  if (counter.officerId !== actor.officerId) fail(actor.unstored ?? 'LAYSO_WRONG_COUNTER');
  if (ticket.counterId !== counter.id) fail('LAYSO_WRONG_COUNTER');
  if (ticket.status !== 'done' || ticket.outcome !== 'received' || !ticket.dossierCode || !ticket.finishedAt)
    fail('LAYSO_RECEIPT_NOT_RECEIVED');
  if (!ticket.appointmentAt) fail('LAYSO_RECEIPT_NEEDS_APPOINTMENT');
  const procedureId = ticket.dossierProcedureId ?? ticket.procedureId;
  const procedure = procedureId === null ? null : store.catalogue.procedure(procedureId);
  const officer = ticket.officerId === null ? null : store.accounts.user(ticket.officerId);
  return {
    centerName,
    dossierCode: ticket.dossierCode,
    applicantName: body.applicantName ?? ticket.intake?.fullName ?? BLANK_NAME,
    applicantAddress: body.applicantAddress ?? null,
    // No procedure recorded: the line is left out rather than naming the department as the request.
    procedureName: procedure?.name ?? '',
    documents: body.documents ?? [],
    processingTime: body.processingTime ?? withUnit(procedure?.processingTime),
    receivedAt: ticket.finishedAt,
    appointmentAt: ticket.appointmentAt,
    collectAt: `${counter.name}, ${centerName}`,
    officerName: officer?.displayName ?? null,
    trackingUrl: `${publicBase}/h/${encodeURIComponent(ticket.dossierCode)}`,
  };
}
