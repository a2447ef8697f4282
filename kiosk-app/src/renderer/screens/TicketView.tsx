import type { Ticket } from '@layso/protocol';
import { Banner, Bi, QrCode, Spinner, formatTime, waitText } from '@layso/ui-kit';
import { DoneFooter } from '../DoneFooter.js';
import { Layout } from '../Layout.js';
import { M } from '../messages.js';

import type { PrintOutcome } from '../flow.js';

/** The citizen's number, big; the way to follow it on a phone; back to welcome by itself. */
export function TicketView({
  centerName,
  ticket,
  priorityName,
  print,
  onDone,
}: {
  centerName: string;
  ticket: Ticket;
  priorityName: string | null;
  print: PrintOutcome;
  onDone: () => void;
}) {
  // Time to photograph the screen when nothing printed; a short goodbye when the paper is in hand.
  const seconds = print === 'printed' ? 20 : 60;
  return (
    <Layout centerName={centerName} onHome={onDone} testId="ticket">
      <div className="k-ticket">
        <div className="k-ticket-main">
          <p className="k-ticket-label">
            <Bi m={M.yourNumber} />
          </p>
          <p className="k-ticket-number" data-testid="ticket-number">
            {ticket.number}
          </p>
          <p className="k-ticket-service">{ticket.serviceName}</p>
          {ticket.booked ? (
            <p className="k-ticket-booked" data-testid="ticket-booked">
              {`${M.bookedTicket.vi} · ${M.bookedTicket.en} — ${formatTime(ticket.booked.startsAt)}`}
            </p>
          ) : null}
          {priorityName ? <p className="k-ticket-priority">ƯU TIÊN · {priorityName}</p> : null}
          <dl className="k-ticket-facts">
            <div>
              <dt>
                <Bi m={M.ahead} />
              </dt>
              <dd data-testid="ticket-ahead">{ticket.ahead}</dd>
            </div>
            <div>
              <dt>
                <Bi m={M.wait} />
              </dt>
              <dd>
                <Bi m={waitText(ticket.estimatedWaitMinutes)} single />
              </dd>
            </div>
          </dl>
        </div>
        <div className="k-ticket-side">
          <div className="k-print" data-testid="print-state" data-state={print}>
            {print === 'printing' ? <Spinner label={M.printing} /> : null}
            {print === 'printed' ? <Banner tone="info" title={M.printed} detail={M.watchScreen} /> : null}
            {print === 'failed' ? <Banner tone="danger" title={M.notPrinted} detail={M.watchScreen} /> : null}
            {print === 'screen-only' ? (
              <Banner tone="warning" title={M.screenOnly} detail={M.watchScreen} />
            ) : null}
          </div>
          <div className="k-ticket-qr">
            <QrCode
              src={`/t/${ticket.trackingCode}/qr.svg`}
              size={220}
              label={`${M.trackQr.vi} / ${M.trackQr.en}`}
            />
            <Bi m={M.trackQr} />
          </div>
        </div>
      </div>
      <DoneFooter seconds={seconds} onDone={onDone} restartOn={print} testId="done" />
    </Layout>
  );
}
