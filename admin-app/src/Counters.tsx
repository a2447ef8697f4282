import { useState } from 'react';
import type { Counter, CounterInput, Service } from '@layso/protocol';
import { Bi, Button } from '@layso/ui-kit';
import { useAdmin } from './context.js';
import { A } from './messages.js';
import { AddButton, DataTable, Dialog, Field, Page, Problem, SaveBar, useAction, useLoad } from './parts.js';

/** Counters: number, name, and the services each serves in order of preference. */
export function Counters() {
  const { api, canEdit } = useAdmin();
  const data = useLoad(
    async () => ({ counters: await api.counters(), services: await api.adminServices() }),
    [api],
  );
  const [editing, setEditing] = useState<Counter | 'new' | null>(null);
  const services = data.data?.services ?? [];
  const nameOf = (id: number) => services.find((s) => s.id === id)?.name ?? `#${id}`;
  return (
    <Page
      title={A.navCounters}
      testId="page-counters"
      actions={<AddButton onClick={() => setEditing('new')} testId="counter-add" />}
    >
      <Problem error={data.error} />
      <DataTable
        testId="counters-table"
        columns={[{ m: A.counterNumber, num: true }, A.name, A.servicesInOrder, A.officerNow, null]}
      >
        {(data.data?.counters ?? []).map((c) => (
          <tr key={c.id} data-testid={`counter-row-${c.number}`}>
            <td className="num">{c.number}</td>
            <td>{c.name}</td>
            <td>{c.serviceIds.map(nameOf).join(' → ')}</td>
            <td>{c.officerName ?? '—'}</td>
            <td>
              {canEdit ? (
                <Button variant="ghost" onClick={() => setEditing(c)} testId={`counter-edit-${c.number}`}>
                  <Bi m={A.edit} single />
                </Button>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
      {editing ? (
        <CounterForm
          counter={editing === 'new' ? null : editing}
          services={services}
          next={Math.max(0, ...(data.data?.counters ?? []).map((c) => c.number)) + 1}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            data.reload();
          }}
        />
      ) : null}
    </Page>
  );
}

function CounterForm({
  counter,
  services,
  next,
  onClose,
  onSaved,
}: {
  counter: Counter | null;
  services: Service[];
  next: number;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { api } = useAdmin();
  const [f, setF] = useState<CounterInput>(() =>
    counter
      ? { number: counter.number, name: counter.name, serviceIds: counter.serviceIds }
      : { number: next, name: `Quầy ${next}`, serviceIds: [] },
  );
  const save = useAction();
  const move = (i: number, by: number) => {
    const ids = [...f.serviceIds];
    const [x] = ids.splice(i, 1);
    ids.splice(i + by, 0, x!);
    setF({ ...f, serviceIds: ids });
  };
  const left = services.filter((s) => !f.serviceIds.includes(s.id));
  return (
    <Dialog
      title={counter ? { vi: `Sửa ${counter.name}`, en: `Edit ${counter.name}` } : A.newCounter}
      onClose={onClose}
      testId="counter-form"
    >
      <div className="ad-form-grid">
        <Field label={A.counterNumber}>
          <input
            name="number"
            type="number"
            min={1}
            max={999}
            value={f.number}
            onChange={(e) => setF({ ...f, number: Number(e.target.value) })}
          />
        </Field>
        <Field label={A.name}>
          <input name="name" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />
        </Field>
      </div>
      <fieldset className="ad-order">
        <legend>
          <Bi m={A.servicesInOrder} single />
        </legend>
        <ol>
          {f.serviceIds.map((id, i) => (
            <li key={id}>
              <span>{services.find((s) => s.id === id)?.name ?? `#${id}`}</span>
              <Button variant="ghost" disabled={i === 0} onClick={() => move(i, -1)} label={A.moveUp.vi}>
                ↑
              </Button>
              <Button
                variant="ghost"
                disabled={i === f.serviceIds.length - 1}
                onClick={() => move(i, 1)}
                label={A.moveDown.vi}
              >
                ↓
              </Button>
              <Button
                variant="ghost"
                onClick={() => setF({ ...f, serviceIds: f.serviceIds.filter((x) => x !== id) })}
              >
                <Bi m={A.remove} single />
              </Button>
            </li>
          ))}
        </ol>
        {left.length ? (
          <select
            name="addService"
            value=""
            aria-label={A.addService.vi}
            onChange={(e) =>
              e.target.value && setF({ ...f, serviceIds: [...f.serviceIds, Number(e.target.value)] })
            }
          >
            <option value="">{A.addService.vi}</option>
            {left.map((s) => (
              <option key={s.id} value={s.id}>
                {s.code} — {s.name}
              </option>
            ))}
          </select>
        ) : null}
      </fieldset>
      <SaveBar
        error={save.error}
        busy={save.busy}
        onCancel={onClose}
        onSave={() =>
          void save.run(() => api.saveCounter(counter?.id ?? null, f)).then((done) => done && onSaved())
        }
        testId="counter-save"
      />
    </Dialog>
  );
}
