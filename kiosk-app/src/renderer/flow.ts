import type { IssueTicketInput, ProcedureHit, Service, ServiceSummary } from '@layso/protocol';
import type { CccdCard } from '../cccd/parse.js';

/** What the citizen chose so far; forgotten on every return to the welcome screen. */
export interface Draft {
  serviceId: number;
  procedure: ProcedureHit | null;
  priority: string | null;
  intake: { fullName?: string; phone?: string; idNumber?: string; birthYear?: number } | null;
}

export type Step =
  | { kind: 'welcome' }
  | { kind: 'search' }
  | { kind: 'procedures'; serviceId: number }
  | { kind: 'procedure'; procedure: ProcedureHit; back: Step }
  | { kind: 'confirm' }
  | { kind: 'priority' }
  | { kind: 'intake' }
  | { kind: 'ticket' };

/** The body of `POST /api/tickets` for a draft: optional parts only when the citizen gave them. */
export function issueBody(d: Draft): IssueTicketInput {
  const body: IssueTicketInput = { serviceId: d.serviceId };
  if (d.priority) body.priority = d.priority;
  if (d.procedure && d.procedure.serviceId === d.serviceId) body.procedureId = d.procedure.id;
  if (d.intake && Object.values(d.intake).some((v) => v !== undefined && v !== '')) {
    body.intake = { consent: true, ...d.intake };
  }
  return body;
}

export const PHONE = /^(0|\+84)(3|5|7|8|9)\d{8}$/;
export const ID_NUMBER = /^\d{12}$/;
export const NAME = /^[\p{L}][\p{L} .'-]*$/u;

/**
 * Services as the server lists them (whether each issues numbers now, and why not, come from that list, read
 * again every half minute), with the live waiting counts and estimates of the realtime stream laid over.
 */
export function liveServices(services: Service[], live: ServiceSummary[] | undefined): Service[] {
  if (!live) return services;
  return services.map((s) => {
    const l = live.find((x) => x.id === s.id);
    return l ? { ...s, waiting: l.waiting, estimatedWaitMinutes: l.estimatedWaitMinutes } : s;
  });
}

/** What a scanned CCCD gives the optional details: the ID number, the name if it was read, the birth year. */
export function intakeFrom(card: CccdCard): NonNullable<Draft['intake']> {
  const out: NonNullable<Draft['intake']> = { idNumber: card.idNumber };
  if (card.fullName) out.fullName = card.fullName;
  const year = card.birthDate ? Number(card.birthDate.slice(0, 4)) : NaN;
  if (Number.isInteger(year)) out.birthYear = year;
  return out;
}
