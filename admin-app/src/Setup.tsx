import { useState, type FormEvent } from 'react';
import { Bi, Button, createAdminApi, SIGN_IN } from '@layso/ui-kit';
import { A } from './messages.js';
import { Field, Problem, useAction } from './parts.js';

/** First run: the installer types the one-time code the server printed and creates the first admin. */
export function Setup({ onDone }: { onDone: () => void }) {
  const [code, setCode] = useState('');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await run(() =>
      createAdminApi().setup({ code, username: username.trim(), displayName, password }),
    );
    if (done) onDone();
  };

  return (
    <main className="lk-signin">
      <form className="lk-card lk-signin-form ad-setup" onSubmit={(e) => void submit(e)} noValidate>
        <h1>
          <Bi m={A.setupTitle} />
        </h1>
        <p>
          <Bi m={A.setupIntro} />
        </p>
        <Field label={A.setupCode}>
          <input name="code" autoFocus value={code} onChange={(e) => setCode(e.target.value)} />
        </Field>
        <Field label={SIGN_IN.username}>
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </Field>
        <Field label={A.displayName}>
          <input name="displayName" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
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
        <Problem error={error} />
        <Button type="submit" busy={busy} testId="setup-submit">
          <Bi m={A.createAdmin} />
        </Button>
      </form>
    </main>
  );
}
