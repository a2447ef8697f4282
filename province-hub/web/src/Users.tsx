import { useState } from 'react';
import type { HubRole, HubSiteRecord, HubUser } from '@layso/protocol';
import { Bi, Button, format, Problem, useAction, useLoad, type Bilingual, type HubApi } from '@layso/ui-kit';
import { Once } from './Once.js';
import { P } from './page-messages.js';
import { SitePicker, type PickableSite } from './SitePicker.js';

const ROLES: Record<HubRole, Bilingual> = {
  province_admin: P.roleAdmin,
  province_viewer: P.roleViewer,
  site_viewer: P.roleSite,
};
const ROLE_LIST = Object.keys(ROLES) as HubRole[];
const isRole = (s: string): s is HubRole => s in ROLES;

/** 16 letters and digits from the browser's CSPRNG, without the look-alikes (0/O, 1/l/I): read out over a phone. */
export function newPassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  // 256 is not a multiple of 56: a byte at or past 224 would favour the first letters, so it is drawn again.
  const fair = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < 16) {
    for (const b of crypto.getRandomValues(new Uint8Array(16)))
      if (b < fair && out.length < 16) out += alphabet[b % alphabet.length];
  }
  return out;
}

/**
 * The hub's accounts (the admin's): create one with a role (and a site viewer's sites), change role or sites,
 * disable or enable, reset a password — the new one shown once. The server ends the sessions a change concerns.
 */
export function Users({ api }: { api: HubApi }) {
  const users = useLoad(() => api.users(), [api]);
  const sites = useLoad(() => api.sites(), [api]);
  const [editing, setEditing] = useState<number | null>(null);
  const [secret, setSecret] = useState<{ name: string; password: string } | null>(null);
  const act = useAction();
  const siteList: PickableSite[] = (sites.data ?? []).map((s: HubSiteRecord) => ({
    id: s.id,
    code: s.code,
    name: s.name,
    commune: s.commune,
  }));
  const siteName = (id: number) => siteList.find((s) => s.id === id)?.name ?? `#${id}`;

  const reset = async (u: HubUser) => {
    const password = newPassword();
    if (await act.run(() => api.resetPassword(u.id, password))) setSecret({ name: u.username, password });
  };
  const setDisabled = async (u: HubUser, disabled: boolean) => {
    if (await act.run(() => api.updateUser(u.id, { disabled }))) users.reload();
  };

  return (
    <main className="hub-main hub-page" data-testid="page-users">
      {secret ? (
        <Once
          title={format(P.newPassword, { name: secret.name })}
          warning={P.passwordOnce}
          secret={secret.password}
          onClose={() => setSecret(null)}
          testId="user-password"
        />
      ) : null}
      <CreateUser api={api} sites={siteList} onCreated={users.reload} />
      <Problem error={users.error ?? sites.error ?? act.error} testId="users-error" />
      <section className="hub-panel">
        <h2>
          <Bi m={P.navUsers} />
        </h2>
        <div className="hub-scroll">
          <table className="hub-grid hub-grid-text" data-testid="admin-users">
            <thead>
              <tr>
                {[P.username, P.role, P.sitesOf, P.state].map((m) => (
                  <th key={m.en} scope="col">
                    <Bi m={m} />
                  </th>
                ))}
                <th />
              </tr>
            </thead>
            <tbody>
              {(users.data ?? []).map((u) =>
                editing === u.id ? (
                  <tr key={u.id}>
                    <td colSpan={5}>
                      <EditUser
                        api={api}
                        user={u}
                        sites={siteList}
                        onDone={() => {
                          setEditing(null);
                          users.reload();
                        }}
                      />
                    </td>
                  </tr>
                ) : (
                  <tr key={u.id} data-testid={`user-${u.username}`}>
                    <th scope="row">
                      {u.username}
                      <small>{u.displayName}</small>
                    </th>
                    <td data-label={P.role.vi}>{ROLES[u.role].vi}</td>
                    <td data-label={P.sitesOf.vi}>
                      {u.siteIds === null ? P.everySite.vi : u.siteIds.map(siteName).join(', ') || '—'}
                    </td>
                    <td className={u.disabled ? 'hub-warn' : undefined} data-label={P.state.vi}>
                      {(u.disabled ? P.disabled : P.enabled).vi}
                    </td>
                    <td className="hub-row-actions">
                      <div>
                        <Button variant="secondary" onClick={() => setEditing(u.id)} testId="edit">
                          <Bi m={P.edit} single />
                        </Button>
                        <Button
                          variant="secondary"
                          busy={act.busy}
                          onClick={() => void reset(u)}
                          testId="reset"
                        >
                          <Bi m={P.resetPassword} single />
                        </Button>
                        <Button
                          variant={u.disabled ? 'secondary' : 'danger'}
                          busy={act.busy}
                          onClick={() => void setDisabled(u, !u.disabled)}
                          testId={u.disabled ? 'enable' : 'disable'}
                        >
                          <Bi m={u.disabled ? P.enable : P.disable} single />
                        </Button>
                      </div>
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      </section>
    </main>
  );
}

function RoleSelect({ value, onChange }: { value: HubRole; onChange: (r: HubRole) => void }) {
  return (
    <label className="hub-field">
      <Bi m={P.role} />
      <select name="role" value={value} onChange={(e) => isRole(e.target.value) && onChange(e.target.value)}>
        {ROLE_LIST.map((r) => (
          <option key={r} value={r}>
            {ROLES[r].vi}
          </option>
        ))}
      </select>
    </label>
  );
}

function CreateUser({
  api,
  sites,
  onCreated,
}: {
  api: HubApi;
  sites: readonly PickableSite[];
  onCreated: () => void;
}) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<HubRole>('province_viewer');
  const [siteIds, setSiteIds] = useState<readonly number[]>([]);
  const act = useAction();
  const submit = async () => {
    const body = {
      username,
      displayName,
      password,
      role,
      siteIds: role === 'site_viewer' ? [...siteIds] : [],
    };
    if (!(await act.run(() => api.createUser(body)))) return;
    setUsername('');
    setDisplayName('');
    setPassword('');
    setSiteIds([]);
    onCreated();
  };
  return (
    <form
      className="hub-panel hub-form"
      data-testid="create-user"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>
        <Bi m={P.addUser} />
      </h2>
      <label className="hub-field">
        <Bi m={P.username} />
        <input
          name="username"
          value={username}
          autoComplete="off"
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <label className="hub-field">
        <Bi m={P.displayName} />
        <input name="displayName" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      </label>
      <label className="hub-field">
        <Bi m={P.password} />
        <input
          name="password"
          type="text"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <RoleAndSites
        role={role}
        onRole={setRole}
        sites={sites}
        siteIds={siteIds}
        onSites={setSiteIds}
        testId="user-sites"
      />
      <Button type="submit" busy={act.busy} testId="create">
        <Bi m={P.create} single />
      </Button>
      <Problem error={act.error} testId="create-user-error" />
    </form>
  );
}

function EditUser({
  api,
  user,
  sites,
  onDone,
}: {
  api: HubApi;
  user: HubUser;
  sites: readonly PickableSite[];
  onDone: () => void;
}) {
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<HubRole>(user.role);
  const [siteIds, setSiteIds] = useState<readonly number[]>(user.siteIds ?? []);
  const act = useAction();
  const save = async () => {
    const patch = { displayName, role, ...(role === 'site_viewer' ? { siteIds: [...siteIds] } : {}) };
    if (await act.run(() => api.updateUser(user.id, patch))) onDone();
  };
  return (
    <form
      className="hub-form hub-form-inline"
      data-testid={`edit-${user.username}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <strong>{user.username}</strong>
      <label className="hub-field">
        <Bi m={P.displayName} />
        <input name="displayName" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      </label>
      <RoleAndSites
        role={role}
        onRole={setRole}
        sites={sites}
        siteIds={siteIds}
        onSites={setSiteIds}
        testId="edit-sites"
      />
      <Button variant="ghost" onClick={onDone}>
        <Bi m={P.cancel} single />
      </Button>
      <Button type="submit" busy={act.busy} testId="save">
        <Bi m={P.save} single />
      </Button>
      <Problem error={act.error} testId="edit-user-error" />
    </form>
  );
}

/** An account's role, and the sites it sees when it is a viewer of some sites only. */
function RoleAndSites(props: {
  role: HubRole;
  onRole: (role: HubRole) => void;
  sites: readonly PickableSite[];
  siteIds: readonly number[];
  onSites: (ids: readonly number[]) => void;
  testId: string;
}) {
  return (
    <>
      <RoleSelect value={props.role} onChange={props.onRole} />
      {props.role === 'site_viewer' ? (
        <SitePicker
          sites={props.sites}
          chosen={props.siteIds}
          onChange={props.onSites}
          emptyIsAll={false}
          label={P.sitesOf}
          testId={props.testId}
        />
      ) : null}
    </>
  );
}
