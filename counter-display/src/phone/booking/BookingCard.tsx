import type { PublicBooking } from '@layso/protocol';
import { formatBookingCode } from '@layso/protocol/booking-input';
import { Bi, QrCode } from '@layso/ui-kit/components';
import { format } from '@layso/ui-kit/i18n';
import { B } from './texts.js';
import { checkInWords, dayWords, statusWords } from './words.js';

/**
 * One booking as its holder keeps it: the code big (XXXX-XXXX), service, procedure, day and time, and — while it is
 * still to come — its QR (what the kiosk scans) and what to do on the day. `owner` adds the masked CCCD and phone.
 */
export function BookingCard({ booking: b, owner = false }: { booking: PublicBooking; owner?: boolean }) {
  const ahead = b.status === 'booked';
  return (
    <section className="ph-card bk-card" data-testid="bk-card" data-status={b.status}>
      <div className="ph-number-box">
        <Bi m={B.yourCode} className="ph-label" />
        <div className="bk-code" data-testid="bk-code">
          {formatBookingCode(b.code)}
        </div>
      </div>
      <p className={`bk-status bk-status-${b.status}`} data-testid="bk-status">
        <Bi m={statusWords(b.status)} />
      </p>
      <dl className="ph-facts bk-facts">
        <div>
          <dt>
            <Bi m={B.service} />
          </dt>
          <dd data-testid="bk-service">{b.serviceName}</dd>
        </div>
        {b.procedureName ? (
          <div>
            <dt>
              <Bi m={B.procedure} />
            </dt>
            <dd>{b.procedureName}</dd>
          </div>
        ) : null}
        <div>
          <dt>
            <Bi m={B.day} />
          </dt>
          <dd data-testid="bk-day">
            <Bi m={dayWords(b.day)} />
          </dd>
        </div>
        <div>
          <dt>
            <Bi m={B.time} />
          </dt>
          <dd className="bk-time" data-testid="bk-time">
            {b.start}–{b.end}
          </dd>
        </div>
        {owner ? (
          <div>
            <dt>
              <Bi m={B.who} />
            </dt>
            <dd className="bk-owner" data-testid="bk-owner">
              <Bi m={format(B.owner, { cccd: b.cccdMasked, phone: b.phoneMasked })} />
            </dd>
          </div>
        ) : null}
      </dl>
      {ahead ? (
        <>
          <QrCode src={`/b/${encodeURIComponent(b.code)}/qr.svg`} size={220} label={B.qrLabel.vi} />
          <p className="bk-todo" data-testid="bk-todo">
            <Bi m={checkInWords(b)} />
          </p>
        </>
      ) : null}
    </section>
  );
}
