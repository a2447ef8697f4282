import { useEffect, useState } from 'react';
import { Bi, Button } from '@layso/ui-kit/components';
import type { Bilingual } from '@layso/ui-kit/i18n';
import { NOTICE_CONSENT, pushKey, pushSupported, subscribe, unsubscribe } from './notices.js';
import { T } from './texts.js';

const stored = (code: string) => `layso-notices:${code}`;

/**
 * "Nhận thông báo / Get notices" (Web Push, opt-in): shown only where the phone can take them and the center has
 * them on. The consent text is shown before the phone's own permission prompt; its version goes to the server.
 */
export function Notices({ code }: { code: string }) {
  const [key, setKey] = useState<string | null>(null);
  const [on, setOn] = useState(() => localStorage.getItem(stored(code)) === 'on');
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Bilingual | null>(null);

  useEffect(() => {
    if (pushSupported()) void pushKey().then(setKey);
  }, []);
  if (!key) return null;

  const turnOn = async () => {
    setBusy(true);
    const r = await subscribe(code, key);
    setBusy(false);
    setAsking(false);
    setProblem(r.on ? null : r.problem);
    if (r.on) localStorage.setItem(stored(code), 'on');
    setOn(r.on);
  };
  const turnOff = async () => {
    setBusy(true);
    await unsubscribe(code);
    localStorage.removeItem(stored(code));
    setBusy(false);
    setOn(false);
  };

  return (
    <section className="ph-notices" data-testid="phone-notices" data-on={on}>
      {on ? (
        <>
          <p className="ph-sent">
            <Bi m={T.noticesOn} />
          </p>
          <Button variant="ghost" busy={busy} onClick={() => void turnOff()} testId="phone-notices-off">
            <Bi m={T.noticesOff} />
          </Button>
        </>
      ) : asking ? (
        <>
          <p className="ph-consent">
            <Bi m={NOTICE_CONSENT} />
          </p>
          <Button busy={busy} onClick={() => void turnOn()} testId="phone-notices-agree">
            <Bi m={T.noticesAgree} />
          </Button>
          <Button variant="ghost" onClick={() => setAsking(false)}>
            <Bi m={T.noticesLater} />
          </Button>
        </>
      ) : (
        <Button variant="secondary" onClick={() => setAsking(true)} testId="phone-notices-ask">
          <Bi m={T.noticesAsk} />
        </Button>
      )}
      {problem ? (
        <p className="ph-muted" role="alert" data-testid="phone-notices-problem">
          <Bi m={problem} />
        </p>
      ) : null}
    </section>
  );
}
