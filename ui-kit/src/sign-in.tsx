import { useState, type FormEvent } from 'react';
import type { LoginReply } from '@layso/protocol';
import { ApiError, createApi } from './api.js';
import { Banner, Bi, Button } from './components.js';
import { defineMessages, errorText, type Bilingual } from './i18n.js';

/** The sign-in form's words (the admin's forms reuse `username` as a field label). */
export const SIGN_IN = defineMessages({
  username: { vi: 'Tên đăng nhập', en: 'Username' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  signIn: { vi: 'Đăng nhập', en: 'Sign in' },
  missing: { vi: 'Nhập tên đăng nhập và mật khẩu', en: 'Enter your username and password' },
});

/**
 * Username and password for staff (console and admin). Nobody is seated here: `onSignedIn` gets the server's
 * reply and may refuse it with a message (e.g. an officer opening the admin), which is shown on the form.
 */
export function SignIn(props: {
  title: Bilingual;
  onSignedIn: (reply: LoginReply) => Bilingual | null;
  notice: Bilingual | null;
}) {
  return (
    <SignInForm
      {...props}
      login={(c) => createApi().login({ ...c, counterId: null })}
      logout={(token) => createApi({ token }).logout()}
    />
  );
}

/** The same form for another server's sign-in (the province hub's): its own login and logout calls. */
export function SignInForm<R extends { token: string }>({
  title,
  onSignedIn,
  notice,
  login,
  logout,
}: {
  title: Bilingual;
  onSignedIn: (reply: R) => Bilingual | null;
  notice: Bilingual | null;
  login: (credentials: { username: string; password: string }) => Promise<R>;
  logout: (token: string) => Promise<unknown>;
}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Bilingual | null>(null);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    if (!username.trim() || !password) return setError(SIGN_IN.missing);
    setBusy(true);
    setError(null);
    try {
      const reply = await login({ username: username.trim(), password });
      const refused = onSignedIn(reply);
      if (refused) {
        void logout(reply.token).catch(() => undefined);
        setError(refused);
        setBusy(false);
      }
    } catch (err) {
      setError(err instanceof ApiError ? errorText(err.code, err.message) : errorText('LAYSO_NETWORK'));
      setBusy(false);
    }
  };

  return (
    <main className="lk-signin">
      <form className="lk-card lk-signin-form" onSubmit={(e) => void submit(e)} noValidate>
        <h1>
          <Bi m={title} />
        </h1>
        {notice ? <Banner tone="warning" title={notice} testId="signin-notice" /> : null}
        <label className="lk-field">
          <Bi m={SIGN_IN.username} />
          <input
            name="username"
            autoComplete="username"
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="lk-field">
          <Bi m={SIGN_IN.password} />
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error ? <Banner tone="danger" title={error} testId="signin-error" /> : null}
        <Button type="submit" busy={busy} testId="sign-in">
          <Bi m={SIGN_IN.signIn} />
        </Button>
      </form>
    </main>
  );
}
