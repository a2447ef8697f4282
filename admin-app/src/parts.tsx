import { useEffect, type ReactNode } from 'react';
import { Banner, Bi, Button, DateField, format, Problem as UiProblem, type Bilingual } from '@layso/ui-kit';
import { useAdmin } from './context.js';
import { A } from './messages.js';

export { problemOf, saveFile, percent, useAction, useLoad } from '@layso/ui-kit';

export function Problem({ error, testId = 'admin-error' }: { error: unknown; testId?: string }) {
  return <UiProblem error={error} testId={testId} />;
}

export function Page({
  title,
  actions,
  children,
  testId,
}: {
  title: Bilingual;
  actions?: ReactNode;
  children: ReactNode;
  testId: string;
}) {
  return (
    <section className="ad-page" data-testid={testId}>
      <header className="ad-page-head">
        <h1>
          <Bi m={title} single />
        </h1>
        <div className="ad-page-actions">{actions}</div>
      </header>
      {children}
    </section>
  );
}

export function Field({
  label,
  children,
  hint,
}: {
  label: Bilingual;
  children: ReactNode;
  hint?: Bilingual;
}) {
  return (
    <label className="ad-field">
      <Bi m={label} />
      {children}
      {hint ? <small className="ad-hint">{hint.vi}</small> : null}
    </label>
  );
}

/** A form over the page (edit, add, pair): Escape or Huỷ closes it. */
export function Dialog({
  title,
  children,
  onClose,
  testId,
}: {
  title: Bilingual;
  children: ReactNode;
  onClose: () => void;
  testId: string;
}) {
  useEffect(() => {
    const key = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, [onClose]);
  return (
    <div className="ad-dialog-back" role="presentation">
      <div className="ad-dialog" role="dialog" aria-modal="true" aria-label={title.vi} data-testid={testId}>
        <h2>
          <Bi m={title} single />
        </h2>
        {children}
      </div>
    </div>
  );
}

/** "12 phút", "1 giờ 5 phút", "45 giây": for waits and service times. */
export function duration(seconds: number | null): Bilingual {
  if (seconds === null) return { vi: '—', en: '—' };
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return { vi: `${s} giây`, en: `${s} s` };
  const m = Math.floor(s / 60);
  if (m < 60) return format(A.minutes, { n: m });
  return { vi: `${Math.floor(m / 60)} giờ ${m % 60} phút`, en: `${Math.floor(m / 60)} h ${m % 60} min` };
}

/** The page's "Thêm" button, for admins only (supervisors read). */
export function AddButton({
  onClick,
  testId,
  label = A.add,
}: {
  onClick: () => void;
  testId: string;
  label?: Bilingual;
}) {
  const { canEdit } = useAdmin();
  if (!canEdit) return null;
  return (
    <Button onClick={onClick} testId={testId}>
      <Bi m={label} single />
    </Button>
  );
}

/** A form's foot: the server's refusal if any, then Huỷ and Lưu (Lưu shows it is working and acts once). */
export function SaveBar({
  error,
  busy,
  onCancel,
  onSave,
  testId,
}: {
  error: unknown;
  busy: boolean;
  onCancel: () => void;
  onSave: () => void;
  testId: string;
}) {
  return (
    <>
      <Problem error={error} />
      <div className="ad-dialog-actions">
        <Button variant="ghost" onClick={onCancel}>
          <Bi m={A.cancel} single />
        </Button>
        <Button onClick={onSave} busy={busy} testId={testId}>
          <Bi m={A.save} single />
        </Button>
      </div>
    </>
  );
}

/**
 * A settings form's foot: the server's refusal if any, "Đã lưu" once saved, and Lưu (a submit button) for who may
 * change things. Test ids `<testId>-saved` and `<testId>-save`.
 */
export function FormFoot({
  error,
  saved,
  savedTitle = A.saved,
  canEdit,
  busy,
  testId,
}: {
  error: unknown;
  saved: boolean;
  savedTitle?: Bilingual;
  canEdit: boolean;
  busy: boolean;
  testId: string;
}) {
  return (
    <>
      <Problem error={error} />
      {saved ? <Banner tone="info" title={savedTitle} testId={`${testId}-saved`} /> : null}
      {canEdit ? (
        <div className="ad-dialog-actions">
          <Button type="submit" busy={busy} testId={`${testId}-save`}>
            <Bi m={A.save} single />
          </Button>
        </div>
      ) : null}
    </>
  );
}

/** Monday first, as ISO weekdays 1 … 7. */
export const DAY_NAMES = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];

/** A column heading: its Vietnamese text; `num` right-aligns figures. */
export type Column = Bilingual | { m: Bilingual; num: true } | null;

/** A list in a card that scrolls sideways on a narrow screen, with its headings. */
export function DataTable({
  columns,
  testId,
  children,
}: {
  columns: Column[];
  testId: string;
  children: ReactNode;
}) {
  return (
    <div className="ad-card ad-scroll">
      <table className="ad-table" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c, i) =>
              c === null ? (
                <th key={i} />
              ) : 'num' in c ? (
                <th key={i} className="num">
                  {c.m.vi}
                </th>
              ) : (
                <th key={i}>{c.vi}</th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A counter to pick, or none. */
export function CounterSelect({
  counters,
  value,
  onChange,
}: {
  counters: readonly { id: number; name: string }[];
  value: number | null;
  onChange: (id: number | null) => void;
}) {
  return (
    <select
      name="counterId"
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}
    >
      <option value="">{A.noCounter.vi}</option>
      {counters.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </select>
  );
}

/** The "from – to" days of a report, a list or the deliveries: none after today. */
export function DayRange(p: {
  from: string | null;
  to: string | null;
  today: string;
  onFrom: (day: string | null) => void;
  onTo: (day: string | null) => void;
}) {
  return (
    <>
      <DateField
        className="ad-field"
        label={A.from}
        name="from"
        value={p.from}
        max={p.today}
        onChange={p.onFrom}
      />
      <DateField className="ad-field" label={A.to} name="to" value={p.to} max={p.today} onChange={p.onTo} />
    </>
  );
}
