import { useCallback, useEffect, useState } from 'react';
import { ApiError, createApi, SignIn, type Bilingual } from '@layso/ui-kit';
import { Console } from './Console.js';
import { ChooseCounter } from './ChooseCounter.js';
import { M } from './messages.js';
import { clearSession, loadSession, saveSession, type Session } from './session.js';

/** Sign in → confirm the counter → work. A reload goes straight back to work while the session lives. */
export function ConsoleApp() {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [notice, setNotice] = useState<Bilingual | null>(null);

  const update = useCallback((s: Session | null, why: Bilingual | null = null) => {
    if (s) saveSession(s);
    else clearSession();
    setSession(s);
    setNotice(why);
  }, []);
  const signOut = useCallback((why: Bilingual | null) => update(null, why), [update]);

  // A kept session may have ended while the page was away (expired, another sign-in): checked once, and only
  // applied if the officer has not signed in anew meanwhile.
  const [initial] = useState(session);
  useEffect(() => {
    if (!initial) return;
    createApi({ token: initial.token })
      .me()
      .then(
        (user) => {
          if (user.counterId !== initial.user.counterId && loadSession()?.token === initial.token)
            update({ ...initial, user, confirmed: false });
        },
        (e: unknown) => {
          if (e instanceof ApiError && e.status === 401 && loadSession()?.token === initial.token)
            update(null);
        },
      );
  }, [initial, update]);

  if (!session)
    return (
      <SignIn
        title={M.title}
        notice={notice}
        onSignedIn={(reply) => {
          update({ token: reply.token, user: reply.user, confirmed: false });
          return null;
        }}
      />
    );
  if (!session.confirmed || session.user.counterId === null)
    return <ChooseCounter session={session} onConfirmed={(s) => update(s)} onSignOut={() => signOut(null)} />;
  return (
    <Console
      key={`${session.token}:${session.user.counterId}`}
      session={session}
      onSignOut={signOut}
      onChangeCounter={() => update({ ...session, confirmed: false })}
    />
  );
}
