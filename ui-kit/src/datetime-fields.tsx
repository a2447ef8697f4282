// The one date and time field of every screen. A native <input type="date|time|datetime-local"> shows and reads
// the browser's locale (12/07/2026 or 02:30 PM on an English PC), so these are text fields in Vietnamese form —
// dd/mm/yyyy and 24-hour HH:mm — that hand the screen ISO values (YYYY-MM-DD, HH:mm, an instant at +07:00).
import { useEffect, useId, useRef, useState, type FocusEvent, type ReactNode } from 'react';
import { Bi } from './components.js';
import {
  formatDate,
  parseDate,
  parseTime,
  splitVietnamDateTime,
  typingDate,
  typingTime,
  vietnamDateTime,
  type Parsed,
} from './datetime.js';
import type { Bilingual } from './i18n.js';
import { Icon } from './icons.js';

export interface DateTimeFieldProps {
  /** Shown above the field. A plain string names the field for screen readers only (a grid of opening hours). */
  label: Bilingual | string;
  /** The ISO value; `''` for none; `null` while the text typed is not a valid entry. */
  value: string | null;
  /** Called on every keystroke with the ISO value, `''` when emptied, `null` while the text is not valid. */
  onChange: (value: string | null) => void;
  name?: string;
  hint?: Bilingual;
  /** The label in the screen's language only (no English line beneath). */
  singleLabel?: boolean;
  placeholder?: string;
  /** Extra classes on the field; `lk-dt-compact` floats the message under the field (a grid of hours). */
  className?: string;
  testId?: string;
}

const FIELD_MESSAGES = {
  pick: { vi: 'Chọn trên lịch', en: 'Pick on a calendar' },
  date: { vi: 'Ngày', en: 'Date' },
  time: { vi: 'Giờ', en: 'Time' },
  needBoth: { vi: 'Nhập cả ngày và giờ', en: 'Type both the date and the time' },
} satisfies Record<string, Bilingual>;

interface Kind {
  parse: (text: string) => Parsed;
  show: (value: string) => string;
  typing: (text: string) => string;
  /** Length of a whole entry: past it the field says what is wrong without waiting for the user to leave. */
  full: number;
}

function TypedField({ kind, extra, ...p }: DateTimeFieldProps & { kind: Kind; extra?: ReactNode }) {
  const id = useId();
  const [text, setText] = useState(() => (p.value ? kind.show(p.value) : ''));
  const [touched, setTouched] = useState(false);
  const parsed = kind.parse(text);
  const own = parsed.ok ? parsed.value : null;
  // The screen set a value of its own (a "last 7 days" button, a reset): show it.
  useEffect(() => {
    if (p.value !== null && p.value !== own) {
      setText(p.value ? kind.show(p.value) : '');
      setTouched(false);
    }
  }, [p.value]); // only the screen's value resyncs: the text's own changes go out through onChange
  const problem = !parsed.ok && (touched || text.trim().length >= kind.full) ? parsed.problem : null;
  const shown = typeof p.label === 'string' ? null : p.label;
  const described = [p.hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ');
  const change = (raw: string) => {
    // Separators go in only as text grows, so deleting a slash or colon is never undone under the finger.
    const next = raw.length > text.length ? kind.typing(raw) : raw;
    setText(next);
    const r = kind.parse(next);
    p.onChange(r.ok ? r.value : null);
  };
  return (
    <div className={`lk-dt ${p.className ?? ''}`}>
      {shown ? (
        <label htmlFor={id} className="lk-dt-label">
          <Bi m={shown} single={p.singleLabel} />
        </label>
      ) : null}
      <span className="lk-dt-row">
        <input
          id={id}
          className="lk-dt-input"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          name={p.name}
          value={text}
          placeholder={p.placeholder}
          size={kind.full}
          aria-label={typeof p.label === 'string' ? p.label : undefined}
          aria-invalid={problem ? true : undefined}
          aria-describedby={described || undefined}
          data-testid={p.testId}
          onChange={(e) => change(e.target.value)}
          onBlur={() => {
            setTouched(true);
            if (own) setText(kind.show(own));
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') setTouched(true);
          }}
        />
        {extra}
      </span>
      {p.hint ? (
        <small id={`${id}-hint`} className="lk-dt-hint">
          <Bi m={p.hint} single />
        </small>
      ) : null}
      {problem ? (
        <small
          id={`${id}-error`}
          className="lk-dt-error"
          role="alert"
          data-testid={p.testId ? `${p.testId}-error` : undefined}
        >
          <Bi m={problem} />
        </small>
      ) : null}
    </div>
  );
}

/**
 * A date typed as dd/mm/yyyy (a phone's number pad types it as digits; the slashes come by themselves), value
 * `YYYY-MM-DD`. `min`/`max` are ISO days. The calendar button opens the browser's own picker, which hands back an
 * ISO day whatever its language, so the field still shows dd/mm/yyyy.
 */
export function DateField({ min, max, ...p }: DateTimeFieldProps & { min?: string; max?: string }) {
  const native = useRef<HTMLInputElement>(null);
  const kind: Kind = {
    parse: (t) => parseDate(t, { min, max }),
    show: formatDate,
    typing: typingDate,
    full: 10,
  };
  const picker = (
    <>
      <button
        type="button"
        className="lk-dt-pick"
        aria-label={`${FIELD_MESSAGES.pick.vi} / ${FIELD_MESSAGES.pick.en}`}
        title={FIELD_MESSAGES.pick.vi}
        onClick={() => {
          try {
            native.current?.showPicker();
          } catch {
            native.current?.focus();
          }
        }}
      >
        <Icon name="calendar" />
      </button>
      <input
        ref={native}
        className="lk-dt-native"
        type="date"
        tabIndex={-1}
        aria-hidden="true"
        value={p.value ?? ''}
        min={min}
        max={max}
        onChange={(e) => p.onChange(e.target.value)}
      />
    </>
  );
  return <TypedField placeholder="dd/mm/yyyy" {...p} kind={kind} extra={picker} />;
}

/** A 24-hour time typed as HH:mm, value `HH:mm`; `endOfDay` also allows `24:00` (a close time through midnight). */
export function TimeField({ endOfDay = false, ...p }: DateTimeFieldProps & { endOfDay?: boolean }) {
  const kind: Kind = {
    parse: (t) => parseTime(t, { endOfDay }),
    show: (v) => v,
    typing: typingTime,
    full: 5,
  };
  return <TypedField placeholder="hh:mm" {...p} kind={kind} />;
}

/**
 * A date and a time in Vietnam together (an appointment), value the ISO instant the server takes
 * (`2026-12-09T14:00:00+07:00`); one part without the other is not a value.
 */
export function DateAndTimeField({ min, ...p }: DateTimeFieldProps & { min?: string }) {
  const split = (v: string | null) => (v ? splitVietnamDateTime(v) : null);
  const [date, setDate] = useState<string | null>(() => split(p.value)?.date ?? '');
  const [time, setTime] = useState<string | null>(() => split(p.value)?.time ?? '');
  const [left, setLeft] = useState(false);
  const combined = (d: string | null, t: string | null) =>
    d === null || t === null ? null : d === '' && t === '' ? '' : d && t ? vietnamDateTime(d, t) : null;
  useEffect(() => {
    if (p.value === null || p.value === combined(date, time)) return;
    const s = split(p.value);
    setDate(s?.date ?? '');
    setTime(s?.time ?? '');
    setLeft(false);
  }, [p.value]);
  const set = (d: string | null, t: string | null) => {
    setDate(d);
    setTime(t);
    p.onChange(combined(d, t));
  };
  const half = left && (date === '') !== (time === '') && date !== null && time !== null;
  const base = p.testId ?? 'datetime';
  return (
    <fieldset
      className={`lk-dt-pair ${p.className ?? ''}`}
      data-testid={p.testId}
      onBlur={(e: FocusEvent<HTMLFieldSetElement>) => {
        if (!(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) setLeft(true);
      }}
    >
      <legend className="lk-dt-label">
        {typeof p.label === 'string' ? p.label : <Bi m={p.label} single={p.singleLabel} />}
      </legend>
      <span className="lk-dt-pair-row">
        <DateField
          label={FIELD_MESSAGES.date}
          singleLabel={p.singleLabel}
          name={p.name ? `${p.name}-date` : undefined}
          value={date}
          min={min}
          onChange={(d) => set(d, time)}
          testId={`${base}-date`}
        />
        <TimeField
          label={FIELD_MESSAGES.time}
          singleLabel={p.singleLabel}
          name={p.name ? `${p.name}-time` : undefined}
          value={time}
          onChange={(t) => set(date, t)}
          testId={`${base}-time`}
        />
      </span>
      {p.hint ? (
        <small className="lk-dt-hint">
          <Bi m={p.hint} single />
        </small>
      ) : null}
      {half ? (
        <small className="lk-dt-error" role="alert" data-testid={`${base}-error`}>
          <Bi m={FIELD_MESSAGES.needBoth} />
        </small>
      ) : null}
    </fieldset>
  );
}
