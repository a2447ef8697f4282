import { useState } from 'react';
import type { AdminUser, Counter, Role } from '@layso/protocol';
import { Banner, Bi, Button, SIGN_IN } from '@layso/ui-kit';
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

// `reception`: tiếp nhận phản ánh, who keeps the feedback register and nothing else (issue 22).
const ROLES: Role[] = ['officer', 'supervisor', 'admin', 'reception'];

/** Staff accounts: role, usual counter, disable, reset password. */
export function Officers() {
  const { api, canEdit } = useAdmin();
  const data = useLoad(async () => ({ users: await api.users(), counters: await api.counters() }), [api]);
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [resetting, setResetting] = useState<AdminUser | null>(null);
  const counters = data.data?.counters ?? [];
  const counterName = (id: number | null) => counters.find((c) => c.id === id)?.name ?? '—';
  return (
    <Page
      title={A.navOfficers}
      testId="page-officers"
      actions={<AddButton onClick={() => setEditing('new')} testId="officer-add" />}
    >
      <Problem error={data.error} />
      <DataTable
        testId="officers-table"
        columns={[A.username, A.displayName, A.role, A.homeCounter, A.status, null]}
      >
        {(data.data?.users ?? []).map((u) => (
          <tr key={u.id} data-testid={`officer-${u.username}`} className={u.active ? '' : 'ad-dim'}>
            <td>{u.username}</td>
            <td>{u.displayName}</td>
            <td>
              <Bi m={A[`role_${u.role}`]} single />
            </td>
            <td>{counterName(u.homeCounterId)}</td>
            <td>
              <Bi m={u.active ? A.active : A.disabled} single />
            </td>
            <td>
              <div className="ad-row-actions">
                {canEdit ? (
                  <>
                    <Button
                      variant="ghost"
                      onClick={() => setEditing(u)}
                      testId={`officer-edit-${u.username}`}
                    >
                      <Bi m={A.edit} single />
                    </Button>
                    <Button
                      variant="ghost"
                      onClick={() => setResetting(u)}
                      testId={`officer-reset-${u.username}`}
                    >
                      <Bi m={A.resetPassword} single />
                    </Button>
                  </>
                ) : null}
              </div>
            </td>
          </tr>
        ))}
      </DataTable>
      {editing ? (
        <OfficerForm
          user={editing === 'new' ? null : editing}
          counters={counters}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            data.reload();
          }}
        />
      ) : null}
      {resetting ? <ResetPassword user={resetting} onClose={() => setResetting(null)} /> : null}
    </Page>
  );
}

function OfficerForm({
  user,
  counters,
  onClose,
  onSaved,
}: {
  user: AdminUser | null;
  counters: Counter[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { api } = useAdmin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'officer');
  const [counterId, setCounterId] = useState<number | null>(user?.homeCounterId ?? null);
  const [active, setActive] = useState(user?.active ?? true);
  const save = useAction();
  const submit = () =>
    void save
      .run(() =>
        user
          ? api.updateUser(user.id, { displayName, role, counterId, active })
          : api.addUser({ username: username.trim(), displayName, password, role, counterId }),
      )
      .then((done) => done && onSaved());
  return (
    <Dialog
      title={user ? { vi: `Sửa ${user.displayName}`, en: `Edit ${user.displayName}` } : A.newOfficer}
      onClose={onClose}
      testId="officer-form"
    >
      <div className="ad-form-grid">
        {user ? null : (
          <>
            <Field label={SIGN_IN.username} hint={{ vi: 'a-z, 0-9, . _ -', en: 'a-z, 0-9, . _ -' }}>
              <input name="username" value={username} onChange={(e) => setUsername(e.target.value)} />
            </Field>
            <Field label={A.newPassword}>
              <input
                name="password"
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </Field>
          </>
        )}
        <Field label={A.displayName}>
          <input name="displayName" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </Field>
        <Field label={A.role}>
          <select name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {A[`role_${r}`].vi}
              </option>
            ))}
          </select>
        </Field>
        <Field label={A.homeCounter}>
          <CounterSelect counters={counters} value={counterId} onChange={setCounterId} />
        </Field>
        {user ? (
          <label className="ad-check">
            <input
              type="checkbox"
              name="active"
              checked={active}
              onChange={(e) => setActive(e.target.checked)}
            />
            <Bi m={A.active} single />
          </label>
        ) : null}
      </div>
      {user && user.active && !active ? (
        <Banner
          tone="warning"
          title={{
            vi: A.confirmDisable.vi.replace('{name}', user.displayName),
            en: A.confirmDisable.en.replace('{name}', user.displayName),
          }}
        />
      ) : null}
      <SaveBar error={save.error} busy={save.busy} onCancel={onClose} onSave={submit} testId="officer-save" />
    </Dialog>
  );
}

function ResetPassword({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const { api } = useAdmin();
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const save = useAction();
  return (
    <Dialog
      title={{
        vi: `${A.resetPassword.vi}: ${user.displayName}`,
        en: `${A.resetPassword.en}: ${user.displayName}`,
      }}
      onClose={onClose}
      testId="reset-form"
    >
      {done ? (
        <Banner tone="info" title={A.passwordSet} testId="reset-done" />
      ) : (
        <Field label={A.newPassword}>
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
      )}
      <Problem error={save.error} />
      <div className="ad-dialog-actions">
        <Button variant="ghost" onClick={onClose}>
          <Bi m={done ? A.done : A.cancel} single />
        </Button>
        {done ? null : (
          <Button
            busy={save.busy}
            testId="reset-save"
            onClick={() =>
              void save.run(() => api.resetPassword(user.id, password)).then((u) => u && setDone(true))
            }
          >
            <Bi m={A.save} single />
          </Button>
        )}
      </div>
    </Dialog>
  );
}
