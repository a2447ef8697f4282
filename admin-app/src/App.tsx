import { useCallback, useEffect, useMemo, useState } from 'react';
import { Bi, Button, createAdminApi, SignIn, Spinner, tabSession, type Bilingual } from '@layso/ui-kit';
import { AdminContext, type AdminSession } from './context.js';
import { A } from './messages.js';
import { pageFromHash, pagesFor } from './pages.js';
import { Setup } from './Setup.js';

const stored = tabSession<AdminSession>('layso.admin.session');

/**
 * The admin app: first-run setup while the server has no admin, then sign-in (admins, supervisors and the feedback
 * desk), then the pages of the role — the live floor first; the feedback desk's only the feedback register. A session that ends (expired, account disabled) returns to sign-in.
 */
export function AdminApp() {
  const [session, setSession] = useState<AdminSession | null>(() => stored.load());
  const [notice, setNotice] = useState<Bilingual | null>(null);
  const [setupNeeded, setSetupNeeded] = useState<boolean | null>(session ? false : null);

  useEffect(() => {
    if (session) return;
    createAdminApi()
      .setupStatus()
      .then(
        (s) => setSetupNeeded(s.needed),
        () => setSetupNeeded(false),
      );
  }, [session]);

  const signOut = useCallback((why: Bilingual | null) => {
    stored.clear();
    setSession(null);
    setNotice(why);
  }, []);

  if (!session) {
    if (setupNeeded === null) return <Spinner label={A.loading} />;
    if (setupNeeded)
      return (
        <Setup
          onDone={() => {
            setSetupNeeded(false);
            setNotice(A.setupDone);
          }}
        />
      );
    return (
      <SignIn
        title={A.title}
        notice={notice}
        onSignedIn={(reply) => {
          if (reply.user.role === 'officer') return A.notAllowed;
          const s = { token: reply.token, user: reply.user };
          stored.save(s);
          setSession(s);
          return null;
        }}
      />
    );
  }
  return <Shell key={session.token} session={session} onSignOut={signOut} />;
}

function Shell({
  session,
  onSignOut,
}: {
  session: AdminSession;
  onSignOut: (why: Bilingual | null) => void;
}) {
  const api = useMemo(
    () =>
      createAdminApi({
        token: session.token,
        // Any 401 means the session is over (expired, signed out elsewhere, account disabled).
        fetch: async (...a: Parameters<typeof fetch>) => {
          const res = await fetch(...a);
          if (res.status === 401) queueMicrotask(() => onSignOut(A.signedOut));
          return res;
        },
      }),
    [session.token, onSignOut],
  );
  // A role's menu: the feedback desk finds only the feedback register (the server refuses the rest anyway).
  const pages = useMemo(() => pagesFor(session.user.role), [session.user.role]);
  const [page, setPage] = useState(() => pageFromHash(location.hash, pages));
  useEffect(() => {
    const on = () => setPage(pageFromHash(location.hash, pages));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, [pages]);
  const canEdit = session.user.role === 'admin';
  const current = pages.find((p) => p.id === page) ?? pages[0]!;
  const Current = current.component;

  return (
    <AdminContext.Provider value={{ api, session, canEdit }}>
      <div className="ad-root">
        <header className="ad-bar">
          <span className="ad-bar-title">
            <Bi m={A.title} single />
          </span>
          <span className="ad-bar-user" data-testid="admin-user">
            {session.user.displayName} · <Bi m={A[`role_${session.user.role}`]} single />
          </span>
          <Button
            variant="ghost"
            testId="admin-sign-out"
            onClick={() => {
              void api.logout().catch(() => undefined);
              onSignOut(null);
            }}
          >
            <Bi m={A.signOut} single />
          </Button>
        </header>
        <nav className="ad-nav" aria-label="Quản trị">
          {pages.map((p) => (
            <a
              key={p.id}
              href={`#${p.id}`}
              className={p.id === current.id ? 'ad-nav-on' : ''}
              aria-current={p.id === current.id ? 'page' : undefined}
              data-testid={`nav-${p.id}`}
            >
              <Bi m={p.title} />
            </a>
          ))}
        </nav>
        <main className="ad-main">
          {!canEdit && current.edits ? (
            <p className="ad-readonly">
              <Bi m={A.readOnly} />
            </p>
          ) : null}
          <Current />
        </main>
      </div>
    </AdminContext.Provider>
  );
}
