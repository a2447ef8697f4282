import { useCallback, useEffect, useState } from 'react';
import { ApiError, createApi, type Bilingual } from '@layso/ui-kit';
import { Console } from './Console.js';
import { ChooseCounter, SignIn } from './SignIn.js';
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

  // A kept session may have ended while the page was closed (expired, another sign-in): check it once.
  useEffect(() => {
    if (!session) return;
    createApi({ token: session.token })
      .me()
      .then(
        (user) => {
          if (user.counterId !== session.user.counterId) update({ ...session, user, confirmed: false });
        },
        (e: unknown) => {
          if (e instanceof ApiError && e.status === 401) update(null);
        },
      );
    // Only for the session the page started with.
  }, []);

  if (!session) return <SignIn notice={notice} onSignedIn={(s) => update(s)} />;
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
