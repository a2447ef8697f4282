import { lazy, Suspense, useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import {
  Banner,
  Bi,
  Button,
  createHubApi,
  HubLiveClient,
  SignInForm,
  Spinner,
  tabSession,
  useLoad,
  type Bilingual,
} from '@layso/ui-kit';
import type { HubRole } from '@layso/protocol';
import { Audit } from './Audit.js';
import { Floor } from './Floor.js';
import { H } from './messages.js';
import { P } from './page-messages.js';
import { Province } from './Province.js';
import { Sites } from './Sites.js';
import { Users } from './Users.js';

interface HubSession {
  token: string;
  username: string;
  /** What the menu offers; the server decides what each call may do whatever this says. */
  role?: HubRole;
}
const stored = tabSession<HubSession>('layso.hub.session');
// The reports carry Chart.js: loaded when first opened, so the live view stays light on a phone.
const Reports = lazy(() => import('./Reports.js').then((m) => ({ default: m.Reports })));
// The catalogue page is the admin's alone, with a file parser: loaded when opened.
const Catalogue = lazy(() => import('./Catalogue.js').then((m) => ({ default: m.Catalogue })));

/** The pages besides the province and a site's floor; an admin page is for the province admin only. */
const PAGES = {
  'bao-cao': { title: P.navReports, admin: false },
  'quan-tri/diem': { title: P.navSites, admin: true },
  'quan-tri/tai-khoan': { title: P.navUsers, admin: true },
  'quan-tri/danh-muc': { title: P.navCatalogue, admin: true },
  'quan-tri/nhat-ky': { title: P.navAudit, admin: true },
} as const;
type PageName = keyof typeof PAGES;
const PAGE_NAMES = Object.keys(PAGES) as PageName[];

/** `#/bao-cao` and the admin's `#/quan-tri/…` → that page (reserved: no site may be coded `bao-cao`). */
function pageFromHash(hash: string): PageName | null {
  return PAGE_NAMES.find((p) => hash === `#/${p}`) ?? null;
}

/** `#/xa-an-binh` → that site's floor; anything else → the province. */
function siteFromHash(hash: string): string | null {
  if (pageFromHash(hash)) return null;
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
          const s = { token: reply.token, username: reply.viewer.username, role: reply.viewer.role };
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

  const api = useMemo(() => createHubApi({ token: session.token }), [session.token]);
  const page = pageFromHash(hash);
  // The server's word on who this is (a session kept from before may lack its role); the stored role until it answers.
  const me = useLoad(() => api.me(), [api]);
  const isAdmin = (me.data?.role ?? session.role) === 'province_admin';
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
        <nav className="hub-nav" aria-label={P.navProvince.vi}>
          <a href="#/" aria-current={!page && !code ? 'page' : undefined} data-testid="nav-province">
            {P.navProvince.vi}
          </a>
          {PAGE_NAMES.filter((p) => isAdmin || !PAGES[p].admin).map((p) => (
            <a
              key={p}
              href={`#/${p}`}
              aria-current={page === p ? 'page' : undefined}
              data-testid={`nav-${p}`}
            >
              {PAGES[p].title.vi}
            </a>
          ))}
        </nav>
        <span className="hub-user">{session.username}</span>
        <Button
          variant="ghost"
          onClick={() => {
            void api.logout().catch(() => undefined);
            onSignOut(null);
          }}
        >
          <Bi m={H.signOut} single />
        </Button>
      </header>
      {state.status === 'offline' && state.overview ? <Banner tone="warning" title={H.offline} /> : null}
      {page && PAGES[page].admin && !isAdmin ? (
        <main className="hub-main">
          <Banner tone="warning" title={P.adminOnly} testId="admin-only" />
        </main>
      ) : page === 'quan-tri/diem' ? (
        <Sites api={api} />
      ) : page === 'quan-tri/tai-khoan' ? (
        <Users api={api} />
      ) : page === 'quan-tri/danh-muc' ? (
        <Suspense fallback={<Spinner label={H.loading} />}>
          <Catalogue api={api} />
        </Suspense>
      ) : page === 'quan-tri/nhat-ky' ? (
        <Audit api={api} />
      ) : !state.overview ? (
        <Spinner label={H.loading} />
      ) : page === 'bao-cao' ? (
        <Suspense fallback={<Spinner label={H.loading} />}>
          <Reports api={api} sites={state.overview.rows} />
        </Suspense>
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
