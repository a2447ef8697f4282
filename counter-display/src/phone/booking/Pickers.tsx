import { useEffect, useState } from 'react';
import type { BookingDays, BookingSlot } from '@layso/protocol';
import { Banner, Bi } from '@layso/ui-kit/components';
import type { Bilingual } from '@layso/ui-kit/i18n';
import { phoneApi } from '../api.js';
import { attempt } from './attempt.js';
import { B } from './texts.js';
import { dayName, dayState, groupSlots, shortDate, slotState } from './words.js';

type Load<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: Bilingual };

/** A service's bookable days (today … +N): full and closed days shown, not choosable. */
export function DayPicker({
  serviceId,
  selected,
  onPick,
}: {
  serviceId: number;
  selected: string | null;
  onPick: (day: string) => void;
}) {
  const [days, setDays] = useState<Load<BookingDays['days']>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    void attempt(phoneApi.callPath('bookingDays', { query: { serviceId } })).then((r) => {
      if (live) setDays(r.ok ? { state: 'ready', value: r.value.days } : { state: 'failed', error: r.error });
    });
    return () => {
      live = false;
    };
  }, [serviceId]);
  if (days.state === 'loading') return <p className="ph-muted">{B.loading.vi}</p>;
  if (days.state === 'failed') return <Banner tone="danger" title={days.error} testId="bk-days-error" />;
  const today = days.value[0]?.day ?? '';
  return (
    <div className="bk-grid" data-testid="bk-days">
      {days.value.map((d) => {
        const can = d.open && d.free > 0;
        return (
          <button
            key={d.day}
            type="button"
            className={`bk-choice${selected === d.day ? ' bk-chosen' : ''}`}
            disabled={!can}
            aria-pressed={selected === d.day}
            data-testid={`bk-day-${d.day}`}
            onClick={() => onPick(d.day)}
          >
            <Bi m={dayName(d.day, today)} className="bk-choice-main" />
            <span className="bk-choice-date">{shortDate(d.day)}</span>
            <Bi m={dayState(d)} className="bk-choice-sub" />
          </button>
        );
      })}
    </div>
  );
}

/** One day's slots, by morning and afternoon: free places shown, full and closed ones disabled. */
export function SlotPicker({
  serviceId,
  day,
  reload,
  selected,
  onPick,
}: {
  serviceId: number;
  day: string;
  /** Changed to load the slots again (after a slot was refused as full). */
  reload: number;
  selected: string | null;
  onPick: (slot: BookingSlot) => void;
}) {
  const [slots, setSlots] = useState<Load<BookingSlot[]>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    setSlots({ state: 'loading' });
    void attempt(phoneApi.callPath('bookingSlots', { query: { serviceId, day } })).then((r) => {
      if (live)
        setSlots(r.ok ? { state: 'ready', value: r.value.slots } : { state: 'failed', error: r.error });
    });
    return () => {
      live = false;
    };
  }, [serviceId, day, reload]);
  if (slots.state === 'loading') return <p className="ph-muted">{B.loading.vi}</p>;
  if (slots.state === 'failed') return <Banner tone="danger" title={slots.error} testId="bk-slots-error" />;
  if (!slots.value.some((s) => s.open && s.free > 0))
    return <Banner tone="warning" title={B.noSlots} testId="bk-no-slots" />;
  return (
    <div data-testid="bk-slots">
      {groupSlots(slots.value).map((g) => (
        <section key={g.part} className="bk-part">
          <h3>
            <Bi m={g.label} />
          </h3>
          <div className="bk-grid">
            {g.slots.map((s) => (
              <button
                key={s.start}
                type="button"
                className={`bk-choice${selected === s.start ? ' bk-chosen' : ''}`}
                disabled={!s.open || s.free === 0}
                aria-pressed={selected === s.start}
                data-testid={`bk-slot-${s.start}`}
                onClick={() => onPick(s)}
              >
                <span className="bk-choice-main bk-time">
                  {s.start}–{s.end}
                </span>
                <Bi m={slotState(s)} className="bk-choice-sub" />
              </button>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
