import { useEffect, useState } from 'react';
import { Banner, Bi, TimeField, format } from '@layso/ui-kit';
import {
  fromForm,
  RANGES,
  SERVICE_RANGES,
  toForm,
  WEEKDAYS,
  type BookingForm,
  type FormProblem,
  type NumberField,
  type ServiceForm,
} from './booking-form.js';
import { B, WEEKDAY_NAMES } from './booking-messages.js';
import { useAdmin } from './context.js';
import { A } from './messages.js';
import { Field, FormFoot, Page, Problem, useAction, useLoad } from './parts.js';

const GROUPS: [keyof typeof B, NumberField[]][] = [
  ['groupWhen', ['daysAhead', 'closeBeforeMinutes']],
  ['groupLimits', ['perPersonPerDay', 'perServicePerDay']],
  ['groupCheckIn', ['checkInEarlyMinutes', 'checkInLateMinutes', 'maxBookedInRow']],
  ['groupReminders', ['remindMinutesBefore', 'otpMinutes', 'otpMaxTries']],
];

/**
 * The booking settings (issue 21): admins change them, supervisors read them. Every figure is checked as typed
 * against the contract's ranges before it is sent; the server's refusal (a service gone) is shown as it says it.
 */
export function BookingSettingsPage() {
  const { api, canEdit } = useAdmin();
  const loaded = useLoad(() => Promise.all([api.bookingSettings(), api.adminServices()]), [api]);
  const [f, setF] = useState<BookingForm | null>(null);
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [saved, setSaved] = useState(false);
  const save = useAction();
  useEffect(() => {
    if (loaded.data) setF(toForm(...loaded.data));
  }, [loaded.data]);

  if (!f || !loaded.data)
    return (
      <Page title={B.settingsTitle} testId="page-booking-settings">
        {loaded.error ? <Problem error={loaded.error} /> : <p>{A.loading.vi}</p>}
      </Page>
    );
  const catalogue = loaded.data[1];
  const set = (patch: Partial<BookingForm>) => {
    setSaved(false);
    setF({ ...f, ...patch });
  };
  const setService = (serviceId: number, patch: Partial<ServiceForm>) =>
    set({ services: f.services.map((s) => (s.serviceId === serviceId ? { ...s, ...patch } : s)) });
  const bad = new Set(problems.map((p) => p.field));
  const invalid = (name: string) => (bad.has(name) ? true : undefined);

  const number = (k: NumberField) => (
    <Field key={k} label={B[k]} hint={B[`${k}Hint`]}>
      <input
        name={k}
        type="number"
        inputMode="numeric"
        min={RANGES[k].min}
        max={RANGES[k].max}
        value={f[k]}
        aria-invalid={invalid(k)}
        onChange={(e) => set({ [k]: e.target.value })}
      />
    </Field>
  );
  const time = (k: 'bookableFrom' | 'bookableUntil' | 'remindDayBeforeAt') => (
    <TimeField
      key={k}
      className="ad-field"
      name={k}
      label={B[k]}
      hint={B[`${k}Hint`]}
      value={f[k]}
      onChange={(v) => set({ [k]: v })}
    />
  );

  return (
    <Page title={B.settingsTitle} testId="page-booking-settings">
      <section className="ad-card bk-links">
        <p>
          <Bi m={B.intro} />
        </p>
        <p>
          <a href="/dat-lich" target="_blank" rel="noreferrer" data-testid="booking-page-link">
            {format(B.pageLink, { url: `${location.origin}/dat-lich` }).vi}
          </a>
          {' · '}
          <a href="/dat-lich/poster" target="_blank" rel="noreferrer" data-testid="booking-poster-link">
            <Bi m={B.posterLink} single />
          </a>
        </p>
      </section>
      <form
        className="ad-card ad-settings"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const r = fromForm(f);
          setProblems(r.ok ? [] : r.problems);
          if (!r.ok) return;
          void save
            .run(() => api.saveBookingSettings(r.settings))
            .then((s) => {
              if (!s) return;
              setF(toForm(s, catalogue));
              setSaved(true);
            });
        }}
      >
        <fieldset className="bk-booking" disabled={!canEdit}>
          <label className="ad-check">
            <input
              type="checkbox"
              name="enabled"
              checked={f.enabled}
              onChange={(e) => set({ enabled: e.target.checked })}
            />
            <Bi m={B.enabled} single />
          </label>
          <small className="ad-hint">{B.enabledHint.vi}</small>
          {GROUPS.map(([group, fields]) => (
            <fieldset key={group} className="bk-group">
              <legend>
                <Bi m={B[group]} single />
              </legend>
              <div className="ad-form-grid">
                {group === 'groupWhen' ? [time('bookableFrom'), time('bookableUntil')] : null}
                {fields.map(number)}
                {group === 'groupReminders' ? time('remindDayBeforeAt') : null}
              </div>
            </fieldset>
          ))}
          <fieldset className="bk-group">
            <legend>
              <Bi m={B.groupServices} single />
            </legend>
            <small className="ad-hint">{B.servicesHint.vi}</small>
            <ServiceRows rows={f.services} invalid={invalid} onChange={setService} />
          </fieldset>
        </fieldset>
        {problems.length ? (
          <Banner
            tone="danger"
            title={B.fixFirst}
            detail={{
              vi: problems.map((p) => p.message.vi).join(' '),
              en: problems.map((p) => p.message.en).join(' '),
            }}
            testId="booking-problems"
          />
        ) : null}
        <FormFoot error={save.error} saved={saved} canEdit={canEdit} busy={save.busy} testId="booking" />
      </form>
    </Page>
  );
}

function ServiceRows({
  rows,
  invalid,
  onChange,
}: {
  rows: ServiceForm[];
  invalid: (name: string) => true | undefined;
  onChange: (serviceId: number, patch: Partial<ServiceForm>) => void;
}) {
  if (!rows.length)
    return (
      <p>
        <Bi m={B.noServices} single />
      </p>
    );
  const cell = (
    name: string,
    value: string,
    r: { min: number; max: number },
    on: (v: string) => void,
    placeholder?: string,
  ) => (
    <input
      placeholder={placeholder}
      name={name}
      type="number"
      inputMode="numeric"
      className="bk-num"
      min={r.min}
      max={r.max}
      value={value}
      aria-invalid={invalid(name)}
      onChange={(e) => on(e.target.value)}
    />
  );
  return (
    <div className="ad-scroll">
      <table className="ad-table bk-services" data-testid="booking-services">
        <thead>
          <tr>
            <th>{B.service.vi}</th>
            <th>{B.serviceEnabled.vi}</th>
            <th>{B.slotMinutes.vi}</th>
            <th>{B.walkInSharePercent.vi}</th>
            {WEEKDAY_NAMES.map((d) => (
              <th key={d.vi} className="num" title={B.capacity.vi}>
                {d.vi}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.serviceId} data-testid={`booking-service-${s.serviceId}`}>
              <td>{s.name}</td>
              <td>
                <input
                  type="checkbox"
                  name={`enabled-${s.serviceId}`}
                  aria-label={`${B.serviceEnabled.vi}: ${s.name}`}
                  checked={s.enabled}
                  onChange={(e) => onChange(s.serviceId, { enabled: e.target.checked })}
                />
              </td>
              <td>
                {cell(`slotMinutes-${s.serviceId}`, s.slotMinutes, SERVICE_RANGES.slotMinutes, (v) =>
                  onChange(s.serviceId, { slotMinutes: v }),
                )}
              </td>
              <td>
                {cell(
                  `walkInSharePercent-${s.serviceId}`,
                  s.walkInSharePercent,
                  SERVICE_RANGES.walkInSharePercent,
                  (v) => onChange(s.serviceId, { walkInSharePercent: v }),
                )}
              </td>
              {WEEKDAYS.map((d) => (
                <td key={d}>
                  {cell(
                    `capacity-${s.serviceId}-${d}`,
                    s.capacity[d],
                    SERVICE_RANGES.capacity,
                    (v) => onChange(s.serviceId, { capacity: { ...s.capacity, [d]: v } }),
                    B.auto.vi,
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
