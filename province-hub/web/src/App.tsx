import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import {
  Banner,
  Bi,
  Button,
  createHubApi,
  HubLiveClient,
  SignInForm,
  Spinner,
  tabSession,
  type Bilingual,
} from '@layso/ui-kit';
import { Floor } from './Floor.js';
import { H } from './messages.js';
import { Province } from './Province.js';

interface HubSession {
  token: string;
  username: string;
}
const stored = tabSession<HubSession>('layso.hub.session');

/** `#/xa-an-binh` → that site's floor; anything else → the province. */
function siteFromHash(hash: string): string | null {
  const m = /^#\/([a-z0-9][a-z0-9-]*)$/.exec(hash);
  return m?.[1] ?? null;
}

/**
 * The hub's screens: sign-in, then the province at a glance; a site's row opens its floor (read-only, live).
 * A session the server no longer knows returns to sign-in.
 */
export function HubApp() {
  const [session, setSession] = useState<HubSession | null>(() => stored.load());
  const [notice, setNotice] = useState<Bilingual | null>(null);
  const api = useMemo(() => createHubApi(), []);
  const signOut = useCallback((why: Bilingual | null) => {
    stored.clear();
    setSession(null);
    setNotice(why);
  }, []);

  if (!session)
    return (
      <SignInForm
        title={H.signInTitle}
        notice={notice}
        login={(c) => api.login(c)}
        logout={(token) => createHubApi({ token }).logout()}
        onSignedIn={(reply) => {
          const s = { token: reply.token, username: reply.viewer.username };
          stored.save(s);
          setSession(s);
          return null;
        }}
      />
    );
  return <Dashboard key={session.token} session={session} onSignOut={signOut} />;
}

function Dashboard({
  session,
  onSignOut,
}: {
  session: HubSession;
  onSignOut: (why: Bilingual | null) => void;
}) {
  const client = useMemo(() => new HubLiveClient({ url: '', token: session.token }), [session.token]);
  useEffect(() => {
    client.start();
    return () => client.stop();
  }, [client]);
  const state = useSyncExternalStore(client.subscribe, client.getState);
  const [hash, setHash] = useState(() => location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);

  const refused = state.status === 'refused' && state.error?.code === 'LAYSO_UNAUTHENTICATED';
  useEffect(() => {
    if (refused) onSignOut(H.signedOut);
  }, [refused, onSignOut]);

  const code = siteFromHash(hash);
  const site = code ? state.overview?.rows.find((r) => r.code === code) : undefined;
  useEffect(() => client.watch(site?.siteId ?? null), [client, site?.siteId]);

  return (
    <div className="hub">
      <header className="hub-top">
        <h1>
          <Bi m={H.title} />
        </h1>
        <span className={`hub-live hub-live-${state.status}`} data-testid="live-status">
          <Bi m={state.status === 'online' ? H.online : H.loading} single />
        </span>
        <span className="hub-user">{session.username}</span>
        <Button
          variant="ghost"
          onClick={() => {
            void createHubApi({ token: session.token })
              .logout()
              .catch(() => undefined);
            onSignOut(null);
          }}
        >
          <Bi m={H.signOut} single />
        </Button>
      </header>
      {state.status === 'offline' && state.overview ? <Banner tone="warning" title={H.offline} /> : null}
      {!state.overview ? (
        <Spinner label={H.loading} />
      ) : code ? (
        site ? (
          <Floor row={site} floor={state.floor?.row.siteId === site.siteId ? state.floor : null} />
        ) : (
          <Banner tone="warning" title={H.notFound} />
        )
      ) : (
        <Province overview={state.overview} />
      )}
    </div>
  );
}
