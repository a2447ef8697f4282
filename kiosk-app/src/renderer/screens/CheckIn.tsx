import { useState, type ReactNode } from 'react';
import { formatBookingCode, normalizeBookingCode, type PublicBooking } from '@layso/protocol';
import {
  Bi,
  Button,
  DOSSIER_TEXT as D,
  Icon,
  Spinner,
  format,
  formatDate,
  formatTime,
  type Bilingual,
} from '@layso/ui-kit';
import type { NotIssued } from '../flow.js';
import { Keyboard } from '../keyboard/Keyboard.js';
import { Layout } from '../Layout.js';
import { M } from '../messages.js';

interface Common {
  centerName: string;
  onHome: () => void;
}

/** The code as it is being typed: `K7PQ`, then `K7PQ-3M2D` — the way it is printed in the message. */
export const typedCode = (chars: string): string => (chars.length > 4 ? formatBookingCode(chars) : chars);

/**
 * What the kiosk says when a booking gives no number now: too early (when to come back), or too late (the booking
 * lapsed; how late is too late is the center's setting, read from the booking's own window).
 */
export function notIssuedText(answer: NotIssued): { title: Bilingual; line: Bilingual | null } {
  const b = answer.booking;
  if (answer.outcome === 'early') {
    return {
      title: M.checkInEarlyTitle,
      line: format(M.checkInEarly, { at: formatTime(answer.comeBackAt), start: b.start }),
    };
  }
  const minutes = Math.round((Date.parse(b.checkInUntil) - Date.parse(b.startsAt)) / 60_000);
  return { title: format(M.checkInLateTitle, { start: b.start, minutes }), line: M.checkInLateHelp };
}

/** A phone showing a QR beside an ID card: what can be held to the scanner, drawn for those who do not read. */
function ScanPicture() {
  return (
    <svg className="k-checkin-picture" viewBox="0 0 160 100" aria-hidden focusable="false">
      <rect x="6" y="4" width="52" height="92" rx="8" className="k-pic-phone" />
      <rect x="14" y="22" width="36" height="36" className="k-pic-screen" />
      <path
        d="M17 25h12v12H17Zm18 0h12v12H35ZM17 43h12v12H17Zm18 0h5v5h-5Zm7 7h5v5h-5Z"
        className="k-pic-qr"
      />
      <rect x="72" y="24" width="82" height="54" rx="6" className="k-pic-card" />
      <rect x="80" y="34" width="20" height="26" rx="2" className="k-pic-photo" />
      <path d="M108 36h36v4h-36Zm0 9h28v4h-28Zm0 9h32v4h-32Z" className="k-pic-lines" />
      <path d="M128 56h20v16h-20Zm3 3v10h14V59Z" className="k-pic-qr" />
    </svg>
  );
}

/**
 * "Nhận số theo lịch hẹn": the scanner is always listening (App takes a booking QR or a CCCD card), or the code is
 * typed on a keyboard of the characters a code can hold.
 */
export function CheckInScreen({
  centerName,
  onHome,
  initial,
  banner,
  busy,
  blocked,
  onCode,
}: Common & {
  /** The code a scan brought (shown while it is checked in), or ''. */
  initial: string;
  banner: ReactNode;
  busy: boolean;
  /** No numbers at all now (the printer stopped the kiosk): the banner says why. */
  blocked: boolean;
  onCode: (code: string) => void;
}) {
  const [chars, setChars] = useState(initial);
  const code = normalizeBookingCode(chars);
  return (
    <Layout
      centerName={centerName}
      onBack={onHome}
      onHome={onHome}
      testId="check-in"
      footer={
        <>
          <Keyboard value={chars} onChange={setChars} mode="code" maxLength={8} />
          <div className="k-actions k-actions-keyboard">
            <Button
              size="large"
              busy={busy}
              disabled={code === null || blocked}
              onClick={() => code !== null && onCode(code)}
              testId="check-in-submit"
            >
              <Icon name="ticket" size="1.2em" />
              <Bi m={M.checkInSubmit} />
            </Button>
          </div>
        </>
      }
    >
      {banner}
      <h1 className="k-title">
        <Bi m={M.checkInTitle} />
      </h1>
      <div className="k-checkin-scan">
        <ScanPicture />
        <div>
          <Bi m={M.checkInScan} className="k-checkin-scan-title" />
          <p className="k-hint">
            <Bi m={M.checkInScanHelp} />
          </p>
        </div>
      </div>
      <label className="k-field k-field-active">
        <Bi m={M.checkInCodeLabel} className="k-field-label" />
        <input
          className="k-input k-input-booking"
          value={typedCode(chars)}
          readOnly
          inputMode="none"
          placeholder="XXXX-XXXX"
          data-testid="check-in-code"
        />
      </label>
      <p className="k-hint">
        <Bi m={M.checkInCodeHelp} />
      </p>
      {busy ? <Spinner label={M.checkingIn} /> : null}
    </Layout>
  );
}

/** The booking as the citizen knows it: service, day and slot. */
function BookingFacts({ booking }: { booking: PublicBooking }) {
  return (
    <div className="k-checkin-booking" data-testid="check-in-booking">
      <p className="k-checkin-service">{booking.serviceName}</p>
      {booking.procedureName ? <p className="k-answer-procedure">{booking.procedureName}</p> : null}
      <p>
        <Bi
          m={format(M.checkInBooking, {
            start: booking.start,
            end: booking.end,
            day: formatDate(booking.day),
          })}
        />
      </p>
      <p className="k-checkin-code">{formatBookingCode(booking.code)}</p>
    </div>
  );
}

/** "Lấy số thường: Sở Tư pháp", said to be on screen only while the printer cannot print. */
function walkInLabel(serviceName: string, screenOnly: boolean): Bilingual {
  const vi = `${M.checkInLateTake.vi}: ${serviceName}`;
  const en = `${M.checkInLateTake.en}: ${serviceName}`;
  return screenOnly ? { vi: `${vi} ${D.screenOnly.vi}`, en: `${en} ${D.screenOnly.en}` } : { vi, en };
}

/** Too early (come back at …) or too late (a normal number for the booking's service, printed as any other). */
export function CheckInAnswerScreen({
  centerName,
  onHome,
  answer,
  banner,
  screenOnly,
  blocked,
  busy,
  onTicket,
}: Common & {
  answer: NotIssued;
  banner: ReactNode;
  screenOnly: boolean;
  blocked: boolean;
  busy: boolean;
  onTicket: (serviceId: number) => void;
}) {
  const text = notIssuedText(answer);
  const late = answer.outcome === 'late';
  return (
    <Layout centerName={centerName} onHome={onHome} testId="check-in-answer">
      {banner}
      <section
        className={`k-answer ${late ? 'k-answer-none' : 'k-answer-wait'}`}
        data-testid="check-in-outcome"
        data-outcome={answer.outcome}
      >
        <h1 className="k-title">
          <Bi m={text.title} />
        </h1>
        {text.line ? (
          <p className="k-answer-line k-checkin-line">
            <Bi m={text.line} />
          </p>
        ) : null}
        <BookingFacts booking={answer.booking} />
      </section>
      <div className="k-actions k-actions-center">
        {late ? (
          <Button
            size="huge"
            busy={busy}
            disabled={blocked}
            onClick={() => onTicket(answer.booking.serviceId)}
            testId="check-in-walk-in"
          >
            <Icon name="ticket" size="1.2em" />
            <Bi m={walkInLabel(answer.booking.serviceName, screenOnly)} />
          </Button>
        ) : (
          <Button size="huge" onClick={onHome} testId="check-in-done">
            <Bi m={M.done} />
          </Button>
        )}
      </div>
    </Layout>
  );
}
