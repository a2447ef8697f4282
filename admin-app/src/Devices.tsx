import { useState } from 'react';
import type { AdminDevice, DeviceKind, DevicePairing } from '@layso/protocol';
import { Banner, Bi, Button, format, formatDateTime } from '@layso/ui-kit';
import { useAdmin } from './context.js';
import { A } from './messages.js';
import {
  AddButton,
  CounterSelect,
  DataTable,
  Dialog,
  Field,
  Page,
  Problem,
  SaveBar,
  useAction,
  useLoad,
} from './parts.js';

const KINDS: DeviceKind[] = ['kiosk', 'display', 'counter'];

/** Kiosks, lobby displays and counter-top screens: register and pair (token once, as text and QR), watch, revoke. */
export function Devices() {
  const { api, canEdit } = useAdmin();
  const data = useLoad(async () => ({ devices: await api.devices(), counters: await api.counters() }), [api]);
  const [adding, setAdding] = useState(false);
  const [pairing, setPairing] = useState<DevicePairing | null>(null);
  const [revoking, setRevoking] = useState<AdminDevice | null>(null);
  const revoke = useAction();
  const counterName = (id: number | null) => data.data?.counters.find((c) => c.id === id)?.name ?? '—';
  return (
    <Page
      title={A.navDevices}
      testId="page-devices"
      actions={<AddButton onClick={() => setAdding(true)} testId="device-add" />}
    >
      <Problem error={data.error} />
      <DataTable
        testId="devices-table"
        columns={[A.name, A.kind, A.counter, A.status, A.lastSeen, A.printer, null]}
      >
        {(data.data?.devices ?? []).map((d) => (
          <tr key={d.id} data-testid={`device-${d.id}`} className={d.revokedAt ? 'ad-dim' : ''}>
            <td>{d.name}</td>
            <td>
              <Bi m={A[`kind_${d.kind}`]} single />
            </td>
            <td>{counterName(d.counterId)}</td>
            <td className={d.revokedAt ? '' : d.online ? 'ad-good' : 'ad-bad'}>
              <Bi m={d.revokedAt ? A.revoked : d.online ? A.online : A.offline} single />
            </td>
            <td>{d.lastSeenAt ? formatDateTime(d.lastSeenAt) : A.never.vi}</td>
            <td>{d.printer ? <Bi m={A[`printer_${d.printer}`]} single /> : '—'}</td>
            <td>
              {canEdit && !d.revokedAt ? (
                <Button variant="danger" onClick={() => setRevoking(d)} testId={`device-revoke-${d.id}`}>
                  <Bi m={A.revoke} single />
                </Button>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
      {adding ? (
        <DeviceForm
          counters={data.data?.counters ?? []}
          onClose={() => setAdding(false)}
          onPaired={(p) => {
            setAdding(false);
            setPairing(p);
            data.reload();
          }}
        />
      ) : null}
      {pairing ? <Pairing pairing={pairing} onClose={() => setPairing(null)} /> : null}
      {revoking ? (
        <Dialog title={A.revoke} onClose={() => setRevoking(null)} testId="revoke-confirm">
          <Banner tone="warning" title={format(A.confirmRevoke, { name: revoking.name })} />
          <Problem error={revoke.error} />
          <div className="ad-dialog-actions">
            <Button variant="ghost" onClick={() => setRevoking(null)}>
              <Bi m={A.cancel} single />
            </Button>
            <Button
              variant="danger"
              busy={revoke.busy}
              testId="revoke-yes"
              onClick={() =>
                void revoke
                  .run(() => api.revokeDevice(revoking.id))
                  .then((d) => {
                    if (!d) return;
                    setRevoking(null);
                    data.reload();
                  })
              }
            >
              <Bi m={A.revoke} single />
            </Button>
          </div>
        </Dialog>
      ) : null}
    </Page>
  );
}

function DeviceForm({
  counters,
  onClose,
  onPaired,
}: {
  counters: { id: number; name: string }[];
  onClose: () => void;
  onPaired: (p: DevicePairing) => void;
}) {
  const { api } = useAdmin();
  const [kind, setKind] = useState<DeviceKind>('kiosk');
  const [name, setName] = useState('');
  const [counterId, setCounterId] = useState<number | null>(null);
  const save = useAction();
  return (
    <Dialog title={A.newDevice} onClose={onClose} testId="device-form">
      <div className="ad-form-grid">
        <Field label={A.kind}>
          <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as DeviceKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {A[`kind_${k}`].vi}
              </option>
            ))}
          </select>
        </Field>
        <Field label={A.name}>
          <input name="name" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        {kind === 'counter' ? (
          <Field label={A.counter}>
            <CounterSelect counters={counters} value={counterId} onChange={setCounterId} />
          </Field>
        ) : null}
      </div>
      <SaveBar
        error={save.error}
        busy={save.busy}
        onCancel={onClose}
        onSave={() =>
          void save
            .run(() => api.addDevice({ kind, name, counterId: kind === 'counter' ? counterId : null }))
            .then((p) => p && onPaired(p))
        }
        testId="device-save"
      />
    </Dialog>
  );
}

/** Shown once: the server keeps only the token's hash. */
function Pairing({ pairing, onClose }: { pairing: DevicePairing; onClose: () => void }) {
  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(pairing.qrSvg)}`;
  return (
    <Dialog
      title={format(A.pairTitle, { name: pairing.device.name })}
      onClose={onClose}
      testId="device-pairing"
    >
      <p>
        <Bi m={A.pairHelp} />
      </p>
      <div className="ad-pair">
        <img src={qr} width={240} height={240} alt={A.pairTitle.vi.replace('{name}', pairing.device.name)} />
        <div>
          <p className="ad-mono" data-testid="pair-url">
            <a href={pairing.pairUrl} target="_blank" rel="noreferrer">
              {pairing.pairUrl}
            </a>
          </p>
          <p>
            <Bi m={A.token} single />: <code data-testid="pair-token">{pairing.token}</code>
          </p>
        </div>
      </div>
      <div className="ad-dialog-actions">
        <Button onClick={onClose} testId="pair-done">
          <Bi m={A.done} single />
        </Button>
      </div>
    </Dialog>
  );
}
