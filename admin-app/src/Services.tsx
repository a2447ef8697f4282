import { useState } from 'react';
import type { PriorityGroup, Service, ServiceInput, WeeklyHours } from '@layso/protocol';
import { Banner, Bi, Button, PriorityGroupRows, TimeField, format } from '@layso/ui-kit';
import { useAdmin } from './context.js';
import { A } from './messages.js';
import {
  AddButton,
  DAY_NAMES,
  DataTable,
  Dialog,
  Field,
  Page,
  Problem,
  SaveBar,
  useAction,
  useLoad,
} from './parts.js';
import { ProvinceBadge, useProvince } from './Province.js';

const DAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
/** The center's usual hours (Mon–Fri 7:00–11:30, 13:00–17:00; Saturday morning). */
const USUAL: WeeklyHours = Object.fromEntries(
  DAYS.map((d) => [
    d,
    d === '7'
      ? []
      : d === '6'
        ? [{ open: '07:00', close: '11:30' }]
        : [
            { open: '07:00', close: '11:30' },
            { open: '13:00', close: '17:00' },
          ],
  ]),
);

const example = (s: Pick<ServiceInput, 'numberFormat'>) => {
  const n = (k: number) => `${s.numberFormat.prefix}${String(k).padStart(s.numberFormat.digits, '0')}`;
  return format(A.example, { a: n(1), b: n(2) });
};

/** Services (lĩnh vực): number format, hours per weekday, daily cap, in use or not; and the priority groups. */
export function Services() {
  const { api, canEdit } = useAdmin();
  const services = useLoad(() => api.adminServices(), [api]);
  const [editing, setEditing] = useState<Service | 'new' | null>(null);
  return (
    <Page
      title={A.navServices}
      testId="page-services"
      actions={<AddButton onClick={() => setEditing('new')} testId="service-add" />}
    >
      <Problem error={services.error} />
      <DataTable
        testId="services-table"
        columns={[
          A.code,
          A.name,
          A.numberFormat,
          { m: A.dailyCap, num: true },
          { m: A.procedures, num: true },
          A.status,
          null,
        ]}
      >
        {(services.data ?? []).map((s) => (
          <tr key={s.id} data-testid={`service-${s.code}`}>
            <td>{s.code}</td>
            <td>
              {s.name}
              {s.nameEn ? <small className="ad-muted"> · {s.nameEn}</small> : null}
            </td>
            <td>{example(s).vi}</td>
            <td className="num">{s.dailyCap}</td>
            <td className="num">{s.procedureCount}</td>
            <td>
              <Bi m={s.active ? A.active : A.inactive} single />
            </td>
            <td>
              {canEdit ? (
                <Button variant="ghost" onClick={() => setEditing(s)} testId={`service-edit-${s.code}`}>
                  <Bi m={A.edit} single />
                </Button>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
      <PriorityGroups />
      {editing ? (
        <ServiceForm
          service={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            services.reload();
          }}
        />
      ) : null}
    </Page>
  );
}

function ServiceForm({
  service,
  onClose,
  onSaved,
}: {
  service: Service | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { api } = useAdmin();
  const [f, setF] = useState<ServiceInput>(() =>
    service
      ? {
          code: service.code,
          name: service.name,
          nameEn: service.nameEn,
          numberFormat: service.numberFormat,
          dailyCap: service.dailyCap,
          hours: service.hours,
          active: service.active,
        }
      : {
          code: '',
          name: '',
          nameEn: null,
          numberFormat: { prefix: '', digits: 3 },
          dailyCap: 300,
          hours: USUAL,
          active: true,
        },
  );
  const save = useAction();
  // Fields whose text is not a time yet ("day-span-key"): the form keeps their last good value and will not save.
  const [bad, setBad] = useState<ReadonlySet<string>>(new Set());
  const [triedBad, setTriedBad] = useState(false);
  const setSpan = (day: (typeof DAYS)[number], i: number, key: 'open' | 'close', value: string | null) => {
    const where = `${day}-${i}-${key}`;
    setBad((b) => {
      const next = new Set(b);
      if (value === null) next.add(where);
      else next.delete(where);
      return next;
    });
    if (value === null) return;
    const spans = [...(f.hours[day] ?? [])];
    while (spans.length <= i) spans.push({ open: '', close: '' });
    spans[i] = { ...spans[i]!, [key]: value };
    setF({ ...f, hours: { ...f.hours, [day]: spans } });
  };
  const submit = async () => {
    if (bad.size) return setTriedBad(true);
    // Empty spans are not sent: a day with none is closed.
    const hours: WeeklyHours = {};
    for (const d of DAYS) {
      const spans = (f.hours[d] ?? []).filter((s) => s.open && s.close);
      if (spans.length) hours[d] = spans;
    }
    const done = await save.run(() =>
      api.saveService(service?.id ?? null, { ...f, nameEn: f.nameEn?.trim() ? f.nameEn : null, hours }),
    );
    if (done) onSaved();
  };
  return (
    <Dialog
      title={service ? { vi: `Sửa ${service.name}`, en: `Edit ${service.name}` } : A.newService}
      onClose={onClose}
      testId="service-form"
    >
      <div className="ad-form-grid">
        <Field label={A.code}>
          <input name="code" value={f.code} onChange={(e) => setF({ ...f, code: e.target.value })} />
        </Field>
        <Field label={A.name}>
          <input name="name" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />
        </Field>
        <Field label={A.nameEn}>
          <input
            name="nameEn"
            value={f.nameEn ?? ''}
            onChange={(e) => setF({ ...f, nameEn: e.target.value })}
          />
        </Field>
        <Field label={A.prefix} hint={example(f)}>
          <input
            name="prefix"
            value={f.numberFormat.prefix}
            maxLength={3}
            onChange={(e) =>
              setF({ ...f, numberFormat: { ...f.numberFormat, prefix: e.target.value.toUpperCase() } })
            }
          />
        </Field>
        <Field label={A.digits}>
          <input
            name="digits"
            type="number"
            min={1}
            max={6}
            value={f.numberFormat.digits}
            onChange={(e) =>
              setF({ ...f, numberFormat: { ...f.numberFormat, digits: Number(e.target.value) } })
            }
          />
        </Field>
        <Field label={A.dailyCap}>
          <input
            name="dailyCap"
            type="number"
            min={1}
            value={f.dailyCap}
            onChange={(e) => setF({ ...f, dailyCap: Number(e.target.value) })}
          />
        </Field>
        <label className="ad-check">
          <input
            type="checkbox"
            checked={f.active}
            onChange={(e) => setF({ ...f, active: e.target.checked })}
          />
          <Bi m={A.active} single />
        </label>
      </div>
      <fieldset className="ad-hours">
        <legend>
          <Bi m={A.hours} single /> <small className="ad-hint">{A.timeHint.vi}</small>
        </legend>
        {DAYS.map((d, i) => (
          <div className="ad-hours-row" key={d}>
            <span>{DAY_NAMES[i]}</span>
            {[0, 1].map((k) => (
              <span key={k} className="ad-span">
                <TimeField
                  className="lk-dt-compact"
                  label={`${DAY_NAMES[i]} ${k ? A.afternoon.vi : A.morning.vi} mở`}
                  placeholder="--:--"
                  value={f.hours[d]?.[k]?.open ?? ''}
                  onChange={(v) => setSpan(d, k, 'open', v)}
                />
                –
                <TimeField
                  endOfDay
                  className="lk-dt-compact"
                  label={`${DAY_NAMES[i]} ${k ? A.afternoon.vi : A.morning.vi} đóng`}
                  placeholder="--:--"
                  value={f.hours[d]?.[k]?.close ?? ''}
                  onChange={(v) => setSpan(d, k, 'close', v)}
                />
              </span>
            ))}
            {(f.hours[d] ?? []).every((s) => !s.open || !s.close) ? (
              <small className="ad-muted">
                <Bi m={A.closedDay} single />
              </small>
            ) : null}
          </div>
        ))}
      </fieldset>
      {triedBad && bad.size ? <Banner tone="danger" title={A.badHours} testId="service-bad-hours" /> : null}
      <SaveBar
        error={save.error}
        busy={save.busy}
        onCancel={onClose}
        onSave={() => void submit()}
        testId="service-save"
      />
    </Dialog>
  );
}

function PriorityGroups() {
  const { api, canEdit: mayEdit } = useAdmin();
  // The groups are the province's when its catalogue sets them (the server refuses a change of them).
  const locked = useProvince().data?.managed.priorityGroups ?? false;
  const canEdit = mayEdit && !locked;
  const groups = useLoad(() => api.priorityGroups(), [api]);
  const [draft, setDraft] = useState<PriorityGroup[] | null>(null);
  const save = useAction();
  const list = draft ?? groups.data ?? [];
  return (
    <section className="ad-card" data-testid="priority-groups">
      <h2>
        <Bi m={A.priorityGroups} single />
        {locked ? <ProvinceBadge testId="priority-groups-province" /> : null}
      </h2>
      <PriorityGroupRows groups={list} onChange={setDraft} disabled={!canEdit} rowClassName="ad-row" />
      {canEdit ? (
        <div className="ad-row">
          <Button variant="ghost" onClick={() => setDraft([...list, { code: '', name: '', nameEn: '' }])}>
            <Bi m={A.add} single />
          </Button>
          {draft ? (
            <Button
              busy={save.busy}
              onClick={() =>
                void save.run(async () => {
                  await api.savePriorityGroups(draft);
                  setDraft(null);
                  groups.reload();
                })
              }
            >
              <Bi m={A.save} single />
            </Button>
          ) : null}
        </div>
      ) : null}
      <Problem error={save.error} />
    </section>
  );
}
