import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { BookingSlot, PublicBooking } from '@layso/protocol';
import { formatBookingCode } from '@layso/protocol/booking-input';
import { Banner, Bi, Button } from '@layso/ui-kit/components';
import { format, type Bilingual } from '@layso/ui-kit/i18n';
import { phoneApi } from '../api.js';
import { attempt, DAY_GONE, SLOT_GONE } from './attempt.js';
import { BookingCard } from './BookingCard.js';
import { DayPicker, SlotPicker } from './Pickers.js';
import { B } from './texts.js';
import { dayWords } from './words.js';

type Load =
  | { state: 'loading' }
  | { state: 'ready'; value: PublicBooking }
  | { state: 'failed'; code: string; error: Bilingual };
type Mode = 'view' | 'cancel' | 'move';

/**
 * One booking's page (`/b/:code`, its QR): the booking and its state in words, its QR while it is to come, the
 * ticket's page once checked in, and — while it can still change — cancel (asked first) and move (same service:
 * a day, then a slot). CCCD and phone only masked. An unknown code gets a plain page that says so.
 */
export function BookingPage({ code }: { code: string }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [mode, setMode] = useState<Mode>('view');
  const [day, setDay] = useState<string | null>(null);
  const [reloadSlots, setReloadSlots] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Bilingual | null>(null);
  const [done, setDone] = useState<Bilingual | null>(null);
  const asked = useRef<HTMLElement>(null);
  // The question or the day picker opens under the card: brought into view, not left below the fold.
  useEffect(() => {
    if (mode !== 'view') asked.current?.scrollIntoView({ block: 'start' });
  }, [mode]);

  useEffect(() => {
    void attempt(phoneApi.callPath('booking', { params: { code } })).then((r) =>
      setLoad(r.ok ? { state: 'ready', value: r.value } : { state: 'failed', code: r.code, error: r.error }),
    );
  }, [code]);
  useEffect(() => {
    if (load.state === 'ready')
      document.title = `${formatBookingCode(load.value.code)} · ${load.value.serviceName}`;
  }, [load]);

  const shell = (center: string, body: ReactNode) => (
    <main className="ph bk">
      <header className="ph-head">
        <span className="ph-center" data-testid="bk-center">
          {center}
        </span>
        <Bi m={B.title} className="ph-service" />
      </header>
      {body}
    </main>
  );
  if (load.state === 'loading') return shell('', <p className="ph-muted">{B.loading.vi}</p>);
  if (load.state === 'failed')
    return shell(
      '',
      <>
        <Banner
          tone="danger"
          title={load.code === 'LAYSO_BOOKING_NOT_FOUND' ? B.notFound : load.error}
          testId="bk-not-found"
        />
        <a className="bk-link-btn" href="/dat-lich">
          <Bi m={B.bookAgain} />
        </a>
      </>,
    );
  const b = load.value;

  const changed = (next: PublicBooking, said: Bilingual) => {
    setLoad({ state: 'ready', value: next });
    setMode('view');
    setDay(null);
    setDone(said);
  };
  const cancel = async () => {
    setBusy(true);
    setError(null);
    const r = await attempt(phoneApi.callPath('bookingCancel', { params: { code: b.code } }));
    setBusy(false);
    if (r.ok) changed(r.value, B.cancelled);
    else setError(r.error);
  };
  const move = async (slot: BookingSlot) => {
    if (!day) return;
    setBusy(true);
    setError(null);
    const r = await attempt(
      phoneApi.callPath('bookingMove', { params: { code: b.code }, body: { day, start: slot.start } }),
    );
    setBusy(false);
    if (r.ok) {
      const w = dayWords(r.value.day);
      const time = r.value.start;
      changed(r.value, {
        vi: format(B.moved, { day: w.vi, time }).vi,
        en: format(B.moved, { day: w.en, time }).en,
      });
      return;
    }
    setError(r.error);
    if (SLOT_GONE.has(r.code)) setReloadSlots((n) => n + 1);
    if (DAY_GONE.has(r.code)) setDay(null);
  };
  const open = (m: Mode) => {
    setMode(m);
    setError(null);
    setDone(null);
    setDay(null);
  };

  return shell(
    b.centerName,
    <>
      {done ? <Banner tone="info" title={done} testId="bk-done" /> : null}
      <BookingCard booking={b} owner />
      {b.status === 'checked_in' && b.ticket ? (
        <a
          className="bk-link-btn"
          href={`/t/${encodeURIComponent(b.ticket.trackingCode)}`}
          data-testid="bk-ticket"
        >
          <Bi m={format(B.ticketLink, { number: b.ticket.number })} />
        </a>
      ) : null}
      {error ? <Banner tone="danger" title={error} testId="bk-error" /> : null}
      {b.changeable && mode === 'view' ? (
        <section className="ph-actions">
          <Button variant="secondary" testId="bk-move" onClick={() => open('move')}>
            <Bi m={B.move} />
          </Button>
          <Button variant="ghost" testId="bk-cancel" onClick={() => open('cancel')}>
            <Bi m={B.cancel} />
          </Button>
        </section>
      ) : null}
      {b.status === 'booked' && !b.changeable ? (
        <p className="ph-muted">
          <Bi m={B.notChangeable} />
        </p>
      ) : null}
      {mode === 'cancel' ? (
        <section ref={asked} className="ph-confirm" role="alertdialog" aria-labelledby="bk-cancel-q">
          <p id="bk-cancel-q">
            <Bi m={format(B.cancelAsk, { code: formatBookingCode(b.code) })} />
          </p>
          <Button variant="danger" busy={busy} testId="bk-cancel-yes" onClick={() => void cancel()}>
            <Bi m={B.cancelYes} />
          </Button>
          <Button variant="secondary" testId="bk-cancel-no" onClick={() => open('view')}>
            <Bi m={B.cancelNo} />
          </Button>
        </section>
      ) : null}
      {mode === 'move' ? (
        <section ref={asked} className="bk-step" data-testid="bk-move-step">
          <h2>
            <Bi m={B.moveTitle} />
          </h2>
          {day ? (
            <>
              <p className="bk-moving-day">
                <Bi m={dayWords(day)} />
              </p>
              <SlotPicker
                serviceId={b.serviceId}
                day={day}
                reload={reloadSlots}
                selected={day === b.day ? b.start : null}
                onPick={(s) => void move(s)}
              />
            </>
          ) : (
            <DayPicker serviceId={b.serviceId} selected={null} onPick={setDay} />
          )}
          <Button variant="ghost" testId="bk-move-back" onClick={() => (day ? setDay(null) : open('view'))}>
            <Bi m={B.back} />
          </Button>
        </section>
      ) : null}
    </>,
  );
}
