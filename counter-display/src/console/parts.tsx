import type { CounterQueue, PrintReply, PriorityGroup, Service, Ticket } from '@layso/protocol';
import { Banner, Bi, Button, errorText, format, type Bilingual } from '@layso/ui-kit';
import { SHORTCUTS, type Action } from './keys.js';
import { M } from './messages.js';

const minutesSince = (iso: string, now: Date, until?: string | null) =>
  Math.max(0, Math.floor(((until ? Date.parse(until) : now.getTime()) - Date.parse(iso)) / 60_000));

/** A key hint on a button: "G". */
function Kbd({ k }: { k: string }) {
  return (
    <kbd className="cs-kbd" aria-hidden>
      {k}
    </kbd>
  );
}

export function ActionButton({
  action,
  label,
  extra,
  busy,
  enabled,
  onRun,
  variant = 'secondary',
}: {
  action: Action;
  label: Bilingual;
  extra?: Bilingual | null;
  busy: Action | null;
  enabled: boolean;
  onRun: (a: Action) => void;
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
}) {
  return (
    <Button
      variant={variant}
      busy={busy === action}
      disabled={!enabled || (busy !== null && busy !== action)}
      onClick={() => onRun(action)}
      testId={`action-${action}`}
      label={`${label.vi} (${SHORTCUTS[action]})`}
      className="cs-action"
    >
      <Kbd k={SHORTCUTS[action]} />
      <span className="cs-action-text">
        <Bi m={label} single />
        {extra ? <small className="cs-action-extra">{extra.vi}</small> : null}
      </span>
    </Button>
  );
}

export function PriorityMark({ code, groups }: { code: string | null; groups: PriorityGroup[] }) {
  if (!code) return null;
  const g = groups.find((x) => x.code === code);
  return (
    <span className="cs-priority" title={g?.nameEn ?? code}>
      ★ {g?.name ?? M.priority.vi}
    </span>
  );
}

/** The ticket at the counter: number, service, how long it waited, recalls, a transfer note. */
export function CurrentTicket({
  ticket,
  services,
  groups,
  recallLimit,
  now,
}: {
  ticket: Ticket | null;
  services: Service[];
  groups: PriorityGroup[];
  recallLimit: number;
  now: Date;
}) {
  if (!ticket) {
    return (
      <section className="cs-current cs-current-empty" data-testid="current">
        <Bi m={M.nobodyHere} />
      </section>
    );
  }
  const service = services.find((s) => s.id === ticket.serviceId);
  return (
    <section className="cs-current" data-testid="current" data-status={ticket.status}>
      <div className="cs-current-top">
        <span className="cs-current-label">
          <Bi m={ticket.status === 'serving' ? M.inService : M.called} single />
        </span>
        <PriorityMark code={ticket.priority} groups={groups} />
      </div>
      <div className="cs-current-number" data-testid="current-number">
        {ticket.number}
      </div>
      <div className="cs-current-facts">
        <span>{service?.name ?? ticket.serviceName}</span>
        <span>{format(M.waited, { n: minutesSince(ticket.queuedAt, now, ticket.calledAt) }).vi}</span>
        {ticket.recalls > 0 ? (
          <span>
            {M.recall.vi} {ticket.recalls}/{recallLimit}
          </span>
        ) : null}
        {ticket.onMyWayAt ? (
          <span className="cs-tag" data-testid="current-on-my-way">
            {M.onMyWay.vi}
          </span>
        ) : null}
      </div>
      {ticket.transferNote ? (
        <p className="cs-note" data-testid="transfer-note">
          <strong>{M.note.vi}:</strong> {ticket.transferNote}
        </p>
      ) : null}
    </section>
  );
}

/** Who waits, in the order the server will call them; no personal data, only what the officer needs. */
export function QueueList({
  queue,
  services,
  groups,
  now,
}: {
  queue: CounterQueue;
  services: Service[];
  groups: PriorityGroup[];
  now: Date;
}) {
  const several = queue.counter.serviceIds.length > 1;
  const more = queue.waitingTotal - queue.waiting.length;
  return (
    <section className="cs-queue" aria-labelledby="cs-queue-title">
      <h2 id="cs-queue-title">
        <Bi m={M.queue} single /> <span className="cs-queue-count">{queue.waitingTotal}</span>
        <small>{M.queueHint.vi}</small>
      </h2>
      {queue.waiting.length === 0 ? (
        <p className="cs-queue-empty">
          <Bi m={M.nobodyLeft} />
        </p>
      ) : (
        <ol className="cs-queue-list" data-testid="queue">
          {queue.waiting.map((t) => (
            <li key={t.id} className="cs-queue-item" data-number={t.number}>
              <span className="cs-queue-number">{t.number}</span>
              <span className="cs-queue-meta">
                {several ? (
                  <span>{services.find((s) => s.id === t.serviceId)?.name ?? t.serviceName}</span>
                ) : null}
                <PriorityMark code={t.priority} groups={groups} />
                {t.transferredFromId ? <span className="cs-tag">{M.transferredIn.vi}</span> : null}
                {t.onMyWayAt ? (
                  <span className="cs-tag" data-testid="on-my-way" title={M.onMyWay.en}>
                    {M.onMyWay.vi}
                  </span>
                ) : null}
              </span>
              <span className="cs-queue-wait">
                {format(M.waited, { n: minutesSince(t.queuedAt, now) }).vi}
              </span>
            </li>
          ))}
        </ol>
      )}
      {more > 0 ? <p className="cs-queue-more">{format(M.more, { n: more }).vi}</p> : null}
    </section>
  );
}

/** The dossier just received at the counter, whose Mẫu 01 slip the officer may print (again). */
export interface ReceivedDossier {
  ticketId: number;
  number: string;
  dossierCode: string;
  /** The last print's answer; null before the first. */
  printed: PrintReply | null;
}

/** "Chưa in được giấy tiếp nhận: Máy in hết giấy", from the printer's "vi / en" message. */
function notPrinted(error: { code: string; message: string }): Bilingual {
  const why = errorText(error.code, error.message);
  return { vi: `${M.receiptNotPrinted.vi}: ${why.vi}`, en: `${M.receiptNotPrinted.en}: ${why.en}` };
}

/** The dossier code of the ticket just finished (typed or generated) and its receipt-slip button. */
export function ReceiptCard({
  dossier,
  busy,
  onRun,
}: {
  dossier: ReceivedDossier;
  busy: Action | null;
  onRun: (a: Action) => void;
}) {
  const result = dossier.printed;
  return (
    <section className="cs-receipt" data-testid="receipt" data-ticket={dossier.ticketId}>
      <div className="cs-receipt-row">
        <div>
          <div className="cs-receipt-label">{format(M.receiptFor, { number: dossier.number }).vi}</div>
          <div className="cs-receipt-code" data-testid="receipt-code">
            {dossier.dossierCode}
          </div>
        </div>
        <ActionButton action="receipt" label={M.printReceipt} busy={busy} enabled onRun={onRun} />
      </div>
      {result?.printed ? (
        <p className="cs-receipt-done" data-testid="receipt-printed" role="status">
          ✓ <Bi m={M.receiptPrinted} single />
        </p>
      ) : result?.error ? (
        <Banner tone="danger" title={notPrinted(result.error)} testId="receipt-error" />
      ) : null}
    </section>
  );
}
