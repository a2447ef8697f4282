import { useEffect, useState } from 'react';
import type { BookingOtpReply } from '@layso/protocol';
import { CCCD_PATTERN, PHONE_PATTERN } from '@layso/protocol/booking-input';
import { formatTime } from '@layso/ui-kit/datetime';
import { Banner, Bi, Button } from '@layso/ui-kit/components';
import { format, type Bilingual } from '@layso/ui-kit/i18n';
import { phoneApi } from '../api.js';
import { attempt } from './attempt.js';
import { B } from './texts.js';
import { digitsOnly, phoneDigits } from './words.js';

/** Seconds before "Gửi lại mã" can be tapped: the code takes a moment to arrive. */
const RESEND_AFTER_S = 60;

export interface Person {
  cccd: string;
  phone: string;
}

/**
 * A number field checked as typed: its problem shows once it is complete or left, never while still typing (the
 * booking and feedback pages).
 */
export function NumberField({
  id,
  label,
  value,
  max,
  problem,
  autoComplete,
  onChange,
}: {
  id: string;
  label: Bilingual;
  value: string;
  max: number;
  problem: Bilingual | null;
  autoComplete: string;
  onChange: (v: string) => void;
}) {
  const [left, setLeft] = useState(false);
  const show = problem !== null && (left || value.length >= max);
  return (
    <div className="bk-field">
      <label htmlFor={id}>
        <Bi m={label} />
      </label>
      <input
        id={id}
        data-testid={id}
        inputMode="numeric"
        autoComplete={autoComplete}
        value={value}
        maxLength={max + 6}
        aria-invalid={show}
        aria-describedby={show ? `${id}-problem` : undefined}
        onBlur={() => setLeft(value.length > 0)}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
      {show && problem ? (
        <p className="bk-problem" id={`${id}-problem`} data-testid={`${id}-problem`}>
          <Bi m={problem} />
        </p>
      ) : null}
    </div>
  );
}

/**
 * The citizen's CCCD and phone, checked as typed with the protocol's patterns, and the short consent text; "Gửi mã
 * xác nhận" asks the server to send the one-time code. What was typed is the page's (kept across refusals).
 */
export function IdentityStep({
  person,
  onChange,
  onSent,
}: {
  person: Person;
  onChange: (p: Person) => void;
  onSent: (c: BookingOtpReply) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Bilingual | null>(null);
  const cccdOk = CCCD_PATTERN.test(person.cccd);
  const phoneOk = PHONE_PATTERN.test(person.phone);
  const send = async () => {
    setBusy(true);
    setError(null);
    const r = await attempt(phoneApi.callPath('bookingOtp', { body: person }));
    setBusy(false);
    if (r.ok) onSent(r.value);
    else setError(r.error);
  };
  return (
    <section className="bk-step" data-testid="bk-identity">
      <h2>
        <Bi m={B.who} />
      </h2>
      <NumberField
        id="bk-cccd"
        label={B.cccd}
        value={person.cccd}
        max={12}
        problem={cccdOk ? null : B.cccdBad}
        autoComplete="off"
        onChange={(v) => onChange({ ...person, cccd: digitsOnly(v, 12) })}
      />
      <NumberField
        id="bk-phone"
        label={B.phone}
        value={person.phone}
        max={10}
        problem={phoneOk ? null : B.phoneBad}
        autoComplete="tel-national"
        onChange={(v) => onChange({ ...person, phone: phoneDigits(v) })}
      />
      <p className="ph-consent" data-testid="bk-consent">
        <Bi m={B.consent} />
      </p>
      {error ? <Banner tone="danger" title={error} testId="bk-error" /> : null}
      <Button busy={busy} disabled={!cccdOk || !phoneOk} testId="bk-send-code" onClick={() => void send()}>
        <Bi m={B.sendCode} />
      </Button>
    </section>
  );
}

/**
 * The 6-digit one-time code (the phone's keyboard offers it from the text: `autocomplete="one-time-code"`), and
 * "Gửi lại mã" once a minute has passed.
 */
export function CodeStep({
  challenge,
  person,
  busy,
  error,
  onConfirm,
  onResent,
  onEdit,
}: {
  challenge: BookingOtpReply;
  person: Person;
  busy: boolean;
  error: Bilingual | null;
  onConfirm: (code: string) => void;
  onResent: (c: BookingOtpReply) => void;
  onEdit: () => void;
}) {
  const [code, setCode] = useState('');
  const [wait, setWait] = useState(RESEND_AFTER_S);
  const [resendError, setResendError] = useState<Bilingual | null>(null);
  const [sending, setSending] = useState(false);
  useEffect(() => {
    setWait(RESEND_AFTER_S);
    const timer = setInterval(() => setWait((s) => Math.max(0, s - 1)), 1000);
    return () => clearInterval(timer);
  }, [challenge.challengeId]);
  const resend = async () => {
    setSending(true);
    setResendError(null);
    const r = await attempt(phoneApi.callPath('bookingOtp', { body: person }));
    setSending(false);
    if (r.ok) {
      setCode('');
      onResent(r.value);
    } else setResendError(r.error);
  };
  const sent = format(B.codeSent, {
    channel: challenge.channel === 'zns' ? 'Zalo' : 'SMS',
    phone: challenge.phoneMasked,
    until: formatTime(challenge.expiresAt),
  });
  return (
    <section className="bk-step" data-testid="bk-code-step">
      <Banner tone="info" title={sent} testId="bk-code-sent" />
      <div className="bk-field">
        <label htmlFor="bk-otp">
          <Bi m={B.codeLabel} />
        </label>
        <input
          id="bk-otp"
          data-testid="bk-otp"
          className="bk-otp"
          inputMode="numeric"
          autoComplete="one-time-code"
          value={code}
          onChange={(e) => setCode(digitsOnly(e.currentTarget.value, 6))}
        />
      </div>
      {error ? <Banner tone="danger" title={error} testId="bk-error" /> : null}
      <Button busy={busy} disabled={code.length !== 6} testId="bk-confirm" onClick={() => onConfirm(code)}>
        <Bi m={B.confirm} />
      </Button>
      {resendError ? <Banner tone="danger" title={resendError} testId="bk-resend-error" /> : null}
      <Button
        variant="secondary"
        busy={sending}
        disabled={wait > 0}
        testId="bk-resend"
        onClick={() => void resend()}
      >
        <Bi m={wait > 0 ? format(B.resendIn, { s: wait }) : B.resend} />
      </Button>
      <Button variant="ghost" testId="bk-edit-person" onClick={onEdit}>
        <Bi m={B.changePhone} />
      </Button>
    </section>
  );
}
