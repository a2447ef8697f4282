import { useEffect, useState, type ReactNode } from 'react';
import type { BookingOptions, BookingOtpReply, BookingSlot, PublicBooking } from '@layso/protocol';
import { Banner, Bi, Button } from '@layso/ui-kit/components';
import { format, type Bilingual } from '@layso/ui-kit/i18n';
import { phoneApi } from '../api.js';
import { attempt, DAY_GONE, SLOT_GONE } from './attempt.js';
import { BookingCard } from './BookingCard.js';
import { CodeStep, IdentityStep, type Person } from './Identity.js';
import { DayPicker, SlotPicker } from './Pickers.js';
import { ProcedureStep } from './Procedure.js';
import { B } from './texts.js';
import { dayWords } from './words.js';

type Service = BookingOptions['services'][number];
type Options =
  { state: 'loading' } | { state: 'ready'; value: BookingOptions } | { state: 'failed'; error: Bilingual };
type Step = 1 | 2 | 3 | 4 | 5;
const STEPS = 5;
/** "Quay lại" from each step undoes the choice made just before it. */
const PREVIOUS: Record<Step, 1 | 2 | 3 | 4> = { 1: 1, 2: 1, 3: 2, 4: 3, 5: 4 };

/**
 * The booking page (`/dat-lich`): service → procedure (optional) → day → slot → CCCD and phone → the one-time code
 * → booked. One step at a time, what is chosen so far above it (each with "Đổi"); a refusal shows the server's
 * message and keeps everything typed; a slot taken meanwhile sends the citizen back to the slots, the proof of the
 * phone kept, so booking another needs no new code.
 */
export function BookPage() {
  const [options, setOptions] = useState<Options>({ state: 'loading' });
  const [service, setService] = useState<Service | null>(null);
  const [procedure, setProcedure] = useState<{ id: number; name: string } | null | undefined>(undefined);
  const [day, setDay] = useState<string | null>(null);
  const [slot, setSlot] = useState<BookingSlot | null>(null);
  const [reloadSlots, setReloadSlots] = useState(0);
  const [person, setPerson] = useState<Person>({ cccd: '', phone: '' });
  const [challenge, setChallenge] = useState<BookingOtpReply | null>(null);
  const [proof, setProof] = useState<string | null>(null);
  const [booking, setBooking] = useState<PublicBooking | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Bilingual | null>(null);

  useEffect(() => {
    void attempt(phoneApi.callPath('bookingOptions')).then((r) =>
      setOptions(r.ok ? { state: 'ready', value: r.value } : { state: 'failed', error: r.error }),
    );
  }, []);
  // Each step starts at the top: on a small screen the next choice is never below the fold.
  const step: Step = !service ? 1 : procedure === undefined ? 2 : !day ? 3 : !slot ? 4 : 5;
  useEffect(() => window.scrollTo(0, 0), [step, booking]);

  const book = async (withProof: string) => {
    if (!service || !day || !slot) return;
    setBusy(true);
    setError(null);
    const body = { proof: withProof, serviceId: service.id, day, start: slot.start };
    const r = await attempt(
      phoneApi.callPath('bookingCreate', { body: procedure ? { ...body, procedureId: procedure.id } : body }),
    );
    setBusy(false);
    if (r.ok) return setBooking(r.value);
    setError(r.error);
    if (SLOT_GONE.has(r.code)) {
      setSlot(null);
      setReloadSlots((n) => n + 1);
    } else if (DAY_GONE.has(r.code)) {
      setSlot(null);
      setDay(null);
    } else if (r.code === 'LAYSO_BOOKING_PROOF_INVALID') {
      setProof(null);
      setChallenge(null);
    }
  };
  const confirm = async (code: string) => {
    if (!challenge) return;
    setBusy(true);
    setError(null);
    const r = await attempt(
      phoneApi.callPath('bookingVerify', { body: { challengeId: challenge.challengeId, code } }),
    );
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setProof(r.value.proof);
    await book(r.value.proof);
  };
  /** A choice undone: it and every later one, the error with them. */
  const back = (to: 1 | 2 | 3 | 4) => {
    setError(null);
    if (to <= 4) setSlot(null);
    if (to <= 3) setDay(null);
    if (to <= 2) setProcedure(undefined);
    if (to <= 1) setService(null);
  };

  const shell = (body: ReactNode) => (
    <main className="ph bk">
      <header className="ph-head">
        <span className="ph-center" data-testid="bk-center">
          {options.state === 'ready' ? options.value.centerName : ''}
        </span>
        <Bi m={B.title} className="ph-service" />
      </header>
      {body}
    </main>
  );

  if (options.state === 'loading') return shell(<p className="ph-muted">{B.loading.vi}</p>);
  if (options.state === 'failed')
    return shell(<Banner tone="danger" title={options.error} testId="bk-error" />);
  const o = options.value;
  const unavailable = !o.enabled
    ? B.off
    : !o.codesAvailable
      ? B.noCodes
      : o.services.length === 0
        ? B.noServices
        : null;
  if (unavailable) return shell(<Banner tone="warning" title={unavailable} testId="bk-unavailable" />);
  if (booking)
    return shell(
      <>
        <Banner tone="info" title={B.doneTitle} testId="bk-done" />
        <BookingCard booking={booking} />
        <p className="bk-keep">
          <Bi m={B.keepPage} />{' '}
          <a href={`/b/${encodeURIComponent(booking.code)}`} data-testid="bk-link">
            {booking.url}
          </a>
        </p>
      </>,
    );

  const chosen: { label: Bilingual; value: ReactNode; to: 1 | 2 | 3 | 4 }[] = [];
  if (service) chosen.push({ label: B.service, value: service.name, to: 1 });
  if (procedure) chosen.push({ label: B.procedure, value: procedure.name, to: 2 });
  if (day) chosen.push({ label: B.day, value: <Bi m={dayWords(day)} />, to: 3 });
  if (slot) chosen.push({ label: B.time, value: `${slot.start}–${slot.end}`, to: 4 });

  return shell(
    <>
      <p className="bk-stepno" data-testid="bk-step" data-step={step}>
        <Bi m={format(B.step, { n: step, of: STEPS })} />
      </p>
      {chosen.length > 0 ? (
        <dl className="bk-chosen-list" data-testid="bk-summary">
          {chosen.map((c) => (
            <div key={c.to}>
              <dt>
                <Bi m={c.label} />
              </dt>
              <dd>
                <span className="bk-chosen-value">{c.value}</span>
                <button type="button" className="bk-change" onClick={() => back(c.to)}>
                  <Bi m={B.change} single />
                </button>
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {error && (step < 5 || (!proof && !challenge)) ? (
        <Banner tone="danger" title={error} testId="bk-error" />
      ) : null}
      {step === 1 ? (
        <section className="bk-step" data-testid="bk-services">
          <h2>
            <Bi m={B.chooseService} />
          </h2>
          {o.services.map((s) => (
            <button
              key={s.id}
              type="button"
              className="bk-choice bk-service"
              data-testid={`bk-service-${s.code}`}
              onClick={() => setService(s)}
            >
              {s.name}
            </button>
          ))}
        </section>
      ) : null}
      {step === 2 && service ? <ProcedureStep serviceId={service.id} onPick={setProcedure} /> : null}
      {step === 3 && service ? (
        <section className="bk-step">
          <h2>
            <Bi m={B.chooseDay} />
          </h2>
          <DayPicker serviceId={service.id} selected={day} onPick={setDay} />
        </section>
      ) : null}
      {step === 4 && service && day ? (
        <section className="bk-step">
          <h2>
            <Bi m={B.chooseSlot} />
          </h2>
          <SlotPicker
            serviceId={service.id}
            day={day}
            reload={reloadSlots}
            selected={null}
            onPick={setSlot}
          />
        </section>
      ) : null}
      {step === 5 && proof ? (
        <section className="bk-step">
          {error ? <Banner tone="danger" title={error} testId="bk-error" /> : null}
          <Button busy={busy} testId="bk-confirm" onClick={() => void book(proof)}>
            <Bi m={B.confirm} />
          </Button>
        </section>
      ) : null}
      {step === 5 && !proof && challenge ? (
        <CodeStep
          challenge={challenge}
          person={person}
          busy={busy}
          error={error}
          onConfirm={(code) => void confirm(code)}
          onResent={(c) => {
            setError(null);
            setChallenge(c);
          }}
          onEdit={() => {
            setError(null);
            setChallenge(null);
          }}
        />
      ) : null}
      {step === 5 && !proof && !challenge ? (
        <IdentityStep person={person} onChange={setPerson} onSent={setChallenge} />
      ) : null}
      {step > 1 ? (
        <Button variant="ghost" testId="bk-back" onClick={() => back(PREVIOUS[step])}>
          <Bi m={B.back} />
        </Button>
      ) : null}
    </>,
  );
}
