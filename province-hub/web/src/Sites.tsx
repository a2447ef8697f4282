import { useState } from 'react';
import type { HubSiteRecord } from '@layso/protocol';
import { Bi, Button, format, formatDateTime, Problem, useAction, useLoad, type HubApi } from '@layso/ui-kit';
import { Confirm, Once } from './Once.js';
import { P } from './page-messages.js';

type Pending = { kind: 'revoke' | 'key'; site: HubSiteRecord };

/**
 * The province's sites (the admin's): each with its key's state, last heard and the seq acknowledged; register a
 * site, issue a new key, revoke a key — asked twice. A key is shown once, when it is issued.
 */
export function Sites({ api }: { api: HubApi }) {
  const list = useLoad(() => api.sites(), [api]);
  const act = useAction();
  const [pending, setPending] = useState<Pending | null>(null);
  const [key, setKey] = useState<{ name: string; key: string } | null>(null);

  const confirm = async () => {
    if (!pending) return;
    const { kind, site } = pending;
    const done = await act.run(async () => {
      if (kind === 'revoke') return { key: null, ...(await api.revokeSite(site.code)) };
      return api.renewSiteKey(site.code);
    });
    if (!done) return;
    setPending(null);
    if (done.key) setKey({ name: site.name, key: done.key });
    list.reload();
  };

  return (
    <main className="hub-main hub-page" data-testid="page-sites">
      {key ? (
        <Once
          title={format(P.keyFor, { name: key.name })}
          warning={P.keyOnce}
          secret={key.key}
          onClose={() => setKey(null)}
          testId="site-key"
        />
      ) : (
        <RegisterSite
          api={api}
          onRegistered={(name, k) => {
            setKey({ name, key: k });
            list.reload();
          }}
        />
      )}
      <Problem error={list.error ?? act.error} testId="sites-error" />
      {pending ? (
        <Confirm
          question={format(pending.kind === 'revoke' ? P.confirmRevoke : P.confirmNewKey, {
            name: pending.site.name,
          })}
          yes={pending.kind === 'revoke' ? P.yesRevoke : P.yesNewKey}
          busy={act.busy}
          onYes={() => void confirm()}
          onNo={() => setPending(null)}
          testId="site-confirm"
        />
      ) : null}
      <section className="hub-panel">
        <h2>
          <Bi m={P.navSites} />
        </h2>
        <div className="hub-scroll">
          <table className="hub-grid hub-grid-text" data-testid="admin-sites">
            <thead>
              <tr>
                {[P.name, P.code, P.state, P.lastHeard, P.acknowledged].map((m) => (
                  <th key={m.en} scope="col">
                    <Bi m={m} />
                  </th>
                ))}
                <th />
              </tr>
            </thead>
            <tbody>
              {(list.data ?? []).map((s) => (
                <tr key={s.id} data-testid={`admin-site-${s.code}`}>
                  <th scope="row">
                    {s.name}
                    <small>{s.commune}</small>
                  </th>
                  <td data-label={P.code.vi}>
                    <code>{s.code}</code>
                  </td>
                  <td
                    className={s.revokedAt ? 'hub-warn' : undefined}
                    data-label={P.state.vi}
                    data-testid="state"
                  >
                    {s.revokedAt ? `${P.revoked.vi} ${formatDateTime(s.revokedAt)}` : P.active.vi}
                  </td>
                  <td data-label={P.lastHeard.vi}>
                    {s.lastSeenAt ? formatDateTime(s.lastSeenAt) : P.never.vi}
                  </td>
                  <td data-label={P.acknowledged.vi}>{s.acknowledgedSeq}</td>
                  <td className="hub-row-actions">
                    <div>
                      <Button
                        variant="secondary"
                        onClick={() => setPending({ kind: 'key', site: s })}
                        testId="new-key"
                      >
                        <Bi m={P.newKey} single />
                      </Button>
                      {s.revokedAt ? null : (
                        <Button
                          variant="danger"
                          onClick={() => setPending({ kind: 'revoke', site: s })}
                          testId="revoke"
                        >
                          <Bi m={P.revoke} single />
                        </Button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </main>
  );
}

function RegisterSite({
  api,
  onRegistered,
}: {
  api: HubApi;
  onRegistered: (name: string, key: string) => void;
}) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [commune, setCommune] = useState('');
  const act = useAction();
  const submit = async () => {
    const r = await act.run(() =>
      api.registerSite({ code: code.trim(), name: name.trim(), commune: commune.trim() }),
    );
    if (!r) return;
    setCode('');
    setName('');
    setCommune('');
    onRegistered(r.site.name, r.key);
  };
  return (
    <form
      className="hub-panel hub-form"
      data-testid="register-site"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>
        <Bi m={P.registerSite} />
      </h2>
      <label className="hub-field">
        <Bi m={P.code} />
        <input name="code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />
        <small>{P.codeHint.vi}</small>
      </label>
      <label className="hub-field">
        <Bi m={P.name} />
        <input name="name" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="hub-field">
        <Bi m={P.commune} />
        <input name="commune" value={commune} onChange={(e) => setCommune(e.target.value)} />
      </label>
      <Button type="submit" busy={act.busy} testId="register">
        <Bi m={P.register} single />
      </Button>
      <Problem error={act.error} testId="register-error" />
    </form>
  );
}
