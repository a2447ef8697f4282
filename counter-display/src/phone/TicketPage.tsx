import { useEffect, useRef, useState } from 'react';
import type { PublicTicket } from '@layso/protocol';
import { Banner, Bi, Button } from '@layso/ui-kit/components';
import { format, waitText, type Bilingual } from '@layso/ui-kit/i18n';
import { alertCall, unlock } from './alert.js';
import { DossierState } from './Dossier.js';
import { act, follow, type LinkState } from './link.js';
import { Notices } from './Notices.js';
import { T } from './texts.js';

/** Says the call again when a recall comes, not on every message of the same call. */
const callKey = (t: PublicTicket) => (t.status === 'called' ? `${t.calledAt ?? ''}|${t.recalls ?? 0}` : null);

/**
 * The citizen's phone ticket (`/t/:code`, from the ticket's QR): the center, the number, its status, the people
 * ahead and the wait, live from the ticket's stream; when called, the counter big, with vibration and a chime.
 * A transferred ticket is followed to its new number. Two actions: "I'm on my way" and "Leave the queue"; and a link
 * to the feedback form about this ticket ("Góp ý, phản ánh").
 */
export function TicketPage({ code: first, initial }: { code: string; initial: PublicTicket | null }) {
  const [code, setCode] = useState(first);
  const [ticket, setTicket] = useState<PublicTicket | null>(initial);
  const [link, setLink] = useState<LinkState>('connecting');
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Bilingual | null>(null);
  const lastCall = useRef<string | null>(initial ? callKey(initial) : null);

  useEffect(() => follow(code, { ticket: setTicket, state: setLink }), [code]);

  useEffect(() => {
    if (!ticket) return;
    document.title = `${ticket.number} · ${ticket.centerName ?? ''}`;
    const key = callKey(ticket);
    if (key !== null && key !== lastCall.current) alertCall();
    lastCall.current = key;
    // A transfer gives the citizen a new number: the page follows it (and its address says so).
    const next = ticket.status === 'transferred' ? ticket.transferredTo : null;
    if (next) {
      history.replaceState(null, '', `/t/${encodeURIComponent(next.trackingCode)}`);
      setCode(next.trackingCode);
    }
  }, [ticket]);

  const run = async (name: 'ticketOnMyWay' | 'ticketLeave') => {
    setBusy(true);
    setError(null);
    const r = await act(name, code);
    setBusy(false);
    setAsking(false);
    if (!r.ok) setError(r.error);
  };

  if (link === 'not-found' && !ticket)
    return (
      <main className="ph" onPointerDown={unlock}>
        <Banner tone="danger" title={T.notFound} testId="phone-not-found" />
      </main>
    );

  return (
    <main className="ph" onPointerDown={unlock}>
      <header className="ph-head">
        <span className="ph-center" data-testid="phone-center">
          {ticket?.centerName ?? ''}
        </span>
        <span className="ph-service">{ticket?.serviceName ?? ''}</span>
      </header>
      {link === 'offline' ? <Banner tone="warning" title={T.offline} testId="phone-offline" /> : null}
      {ticket ? <Body ticket={ticket} /> : <p className="ph-muted">{T.connecting.vi}</p>}
      {error ? <Banner tone="danger" title={error} testId="phone-error" /> : null}
      {ticket?.status === 'waiting' && !ticket.expired ? <Notices code={code} /> : null}
      {ticket && !ticket.expired ? (
        <Actions
          ticket={ticket}
          asking={asking}
          busy={busy}
          onAsk={setAsking}
          onRun={(name) => void run(name)}
        />
      ) : null}
      {ticket && (ticket.status === 'waiting' || ticket.status === 'called') && !ticket.expired ? (
        <p className="ph-muted">
          <Bi m={T.live} />
        </p>
      ) : null}
      {ticket ? (
        <a
          className="ph-feedback"
          href={`/pa?${new URLSearchParams({ t: code, from: 'ticket' }).toString()}`}
          data-testid="phone-feedback"
        >
          <Bi m={T.feedback} />
        </a>
      ) : null}
    </main>
  );
}

function Body({ ticket: t }: { ticket: PublicTicket }) {
  const number = (
    <>
      <div className="ph-number-box">
        <Bi m={T.yourNumber} className="ph-label" />
        <div className="ph-number" data-testid="phone-number">
          {t.number}
        </div>
      </div>
      {t.dossier ? <DossierState dossier={t.dossier} /> : null}
    </>
  );
  if (t.expired)
    return (
      <section className="ph-card" data-testid="phone-status" data-status="expired">
        {number}
        <Banner tone="warning" title={T.expired} />
      </section>
    );
  switch (t.status) {
    case 'waiting':
      return (
        <section className="ph-card" data-testid="phone-status" data-status="waiting">
          {number}
          <dl className="ph-facts">
            <div>
              <dt>
                <Bi m={T.ahead} />
              </dt>
              <dd className="ph-ahead" data-testid="phone-ahead">
                {t.ahead}
              </dd>
            </div>
            <div>
              <dt>
                <Bi m={T.estimate} />
              </dt>
              <dd>
                <Bi m={waitText(t.estimatedWaitMinutes)} />
              </dd>
            </div>
          </dl>
        </section>
      );
    case 'called':
    case 'serving':
      return (
        <section
          className={`ph-card ph-${t.status}`}
          data-testid="phone-status"
          data-status={t.status}
          role="alert"
        >
          {number}
          <Bi m={t.status === 'called' ? T.calledTitle : T.serving} className="ph-call-title" />
          <div className="ph-counter" data-testid="phone-counter">
            {t.counterName}
          </div>
          {t.status === 'called' && (t.recalls ?? 0) > 0 ? (
            <Bi m={format(T.recalled, { n: t.recalls ?? 0 })} className="ph-recall" />
          ) : null}
        </section>
      );
    case 'transferred':
      return (
        <section className="ph-card" data-testid="phone-status" data-status="transferred">
          {number}
          <Bi m={format(T.transferred, { service: t.transferredTo?.serviceName ?? '' })} />
        </section>
      );
    default: {
      const text = t.status === 'done' ? T.done : t.status === 'no-show' ? T.noShow : T.cancelled;
      return (
        <section className="ph-card ph-over" data-testid="phone-status" data-status={t.status}>
          {number}
          <Bi m={text} />
        </section>
      );
    }
  }
}

function Actions({
  ticket: t,
  asking,
  busy,
  onAsk,
  onRun,
}: {
  ticket: PublicTicket;
  asking: boolean;
  busy: boolean;
  onAsk: (v: boolean) => void;
  onRun: (name: 'ticketOnMyWay' | 'ticketLeave') => void;
}) {
  const canCome = t.status === 'waiting' || t.status === 'called';
  if (!canCome) return null;
  if (asking)
    return (
      <section className="ph-confirm" role="alertdialog" aria-labelledby="ph-leave-q">
        <p id="ph-leave-q">
          <Bi m={format(T.leaveAsk, { number: t.number })} />
        </p>
        <Button variant="danger" busy={busy} testId="phone-leave-yes" onClick={() => onRun('ticketLeave')}>
          <Bi m={T.leaveYes} />
        </Button>
        <Button variant="secondary" testId="phone-leave-no" onClick={() => onAsk(false)}>
          <Bi m={T.leaveNo} />
        </Button>
      </section>
    );
  return (
    <section className="ph-actions">
      {t.onMyWayAt ? (
        <p className="ph-sent" data-testid="phone-on-my-way-sent">
          <Bi m={T.onMyWaySent} />
        </p>
      ) : (
        <Button busy={busy} testId="phone-on-my-way" onClick={() => onRun('ticketOnMyWay')}>
          <Bi m={T.onMyWay} />
        </Button>
      )}
      {t.status === 'waiting' ? (
        <Button variant="ghost" testId="phone-leave" onClick={() => onAsk(true)}>
          <Bi m={T.leave} />
        </Button>
      ) : null}
    </section>
  );
}
