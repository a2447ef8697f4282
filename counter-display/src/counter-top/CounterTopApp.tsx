import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Rating, RatingReason } from '@layso/protocol';
import {
  Bi,
  Button,
  RealtimeClient,
  createApi,
  forgetDeviceToken,
  format,
  useCountdown,
  useRealtime,
} from '@layso/ui-kit';
import { ConnectionBadge } from '../shared/ConnectionBadge.js';
import { SHARED } from '../shared/messages.js';
import { StatusScreen } from '../shared/StatusScreen.js';
import { Face } from './Face.js';
import { M, RATINGS, REASONS } from './messages.js';

type Asking = { ticketId: number; number: string; step: 'level' | 'reason' };
type Thanks = { saved: boolean };
const THANKS_SECONDS = 6;

/**
 * The screen facing the citizen: who serves them and which number; after each service, the rating prompt
 * for `ratingSeconds` — three levels, a reason when not satisfied — by touch or keys 1–3 (a keypad in
 * keyboard mode works as is). The citizen is thanked either way; a rating is stored once, by the server.
 */
export function CounterTopApp({ token, counterId }: { token: string; counterId: number }) {
  const realtime = useMemo(() => new RealtimeClient({ url: '', namespace: '/counter', token }), [token]);
  useEffect(() => {
    realtime.start();
    return () => realtime.stop();
  }, [realtime]);
  const rt = useRealtime(realtime);
  const [centerName, setCenterName] = useState('');
  const [ratingSeconds, setRatingSeconds] = useState(30);
  const [asking, setAsking] = useState<Asking | null>(null);
  const [thanks, setThanks] = useState<Thanks | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    if (rt.status !== 'online') return;
    void createApi({ token })
      .screenSettings()
      .then(
        (s) => {
          setCenterName(s.centerName);
          setRatingSeconds(s.ratingSeconds);
        },
        () => undefined,
      );
  }, [rt.status, token]);

  useEffect(
    () =>
      realtime.on('rating:request', (e) => {
        setThanks(null);
        setAsking({ ticketId: e.ticketId, number: e.number, step: 'level' });
      }),
    [realtime],
  );

  const submit = useCallback(
    async (rating: Rating, reason: RatingReason | null) => {
      if (!asking || sending) return;
      setSending(true);
      const reply = await realtime.ask<{ ticketId: number }>('rating:submit', {
        ticketId: asking.ticketId,
        rating,
        reason,
      });
      setSending(false);
      setAsking(null);
      setThanks({ saved: reply.ok });
    },
    [asking, sending, realtime],
  );

  const choose = useCallback(
    (rating: Rating) => {
      if (!asking || asking.step !== 'level') return;
      if (rating === 'unsatisfied') setAsking({ ...asking, step: 'reason' });
      else void submit(rating, null);
    },
    [asking, submit],
  );

  // No answer in time: the citizen has left; nothing is stored, the screen thanks and rests.
  const left = useCountdown(
    ratingSeconds,
    () => {
      if (asking) {
        setAsking(null);
        setThanks({ saved: false });
      }
    },
    asking?.ticketId ?? null,
  );
  useCountdown(THANKS_SECONDS, () => setThanks(null), thanks);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!asking || e.repeat || e.ctrlKey || e.altKey || e.metaKey) return;
      if (asking.step === 'level') {
        const r = RATINGS.find((x) => x.key === e.key);
        if (r) choose(r.value);
      } else {
        const r = REASONS.find((x) => x.key === e.key);
        if (r) void submit('unsatisfied', r.value);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [asking, choose, submit]);

  if (rt.status === 'refused') {
    forgetDeviceToken('counter-top');
    return <StatusScreen title={SHARED.refusedTitle} text={SHARED.pairText} testId="refused" />;
  }
  const counter = rt.snapshot?.counters.find((c) => c.id === counterId) ?? null;

  return (
    <div className="ct-root" data-testid="counter-top">
      <ConnectionBadge status={rt.status} />
      <header className="ct-head">
        <span>{centerName}</span>
        <span className="ct-head-counter" data-testid="counter-name">
          {counter?.name ?? ''}
        </span>
      </header>
      {asking ? (
        <main className="ct-ask" data-testid="rating" data-step={asking.step}>
          <p className="ct-ask-number">{format(M.askNumber, { number: asking.number }).vi}</p>
          <h1>
            <Bi m={asking.step === 'level' ? M.ask : M.why} />
          </h1>
          {asking.step === 'level' ? (
            <div className="ct-levels">
              {RATINGS.map((r) => (
                <button
                  key={r.value}
                  type="button"
                  className={`ct-level ct-level-${r.value}`}
                  onClick={() => choose(r.value)}
                  disabled={sending}
                  data-testid={`rate-${r.value}`}
                >
                  <Face rating={r.value} />
                  <Bi m={r.label} />
                  <span className="ct-key">{r.key}</span>
                </button>
              ))}
            </div>
          ) : (
            <div className="ct-reasons">
              {REASONS.map((r) => (
                <Button
                  key={r.value}
                  variant="secondary"
                  size="large"
                  onClick={() => void submit('unsatisfied', r.value)}
                  busy={sending}
                  testId={`reason-${r.value}`}
                >
                  <span className="ct-key">{r.key}</span>
                  <Bi m={r.label} />
                </Button>
              ))}
              <Button
                variant="ghost"
                onClick={() => void submit('unsatisfied', null)}
                busy={sending}
                testId="reason-skip"
              >
                <Bi m={M.skip} />
              </Button>
            </div>
          )}
          <p className="ct-hint">
            {asking.step === 'level' ? `${M.keysHint.vi} · ` : ''}
            {format(M.secondsLeft, { n: left }).vi}
          </p>
        </main>
      ) : thanks ? (
        <main className="ct-thanks" data-testid="thanks" data-saved={thanks.saved}>
          <h1>
            <Bi m={M.thanks} />
          </h1>
          <p>
            <Bi m={thanks.saved ? M.thanksRated : M.thanksNotSaved} />
          </p>
        </main>
      ) : (
        <main className="ct-idle" data-testid="idle">
          {counter?.status === 'paused' ? (
            <p className="ct-state">
              <Bi m={M.paused} />
              {counter.pauseReason ? <span className="ct-reason">{counter.pauseReason}</span> : null}
            </p>
          ) : counter?.status === 'closed' ? (
            <p className="ct-state">
              <Bi m={M.closed} />
            </p>
          ) : counter?.currentNumber ? (
            <>
              <p className="ct-label">
                <Bi m={M.serving} />
              </p>
              <p className="ct-number" data-testid="serving-number">
                {counter.currentNumber}
              </p>
            </>
          ) : (
            <p className="ct-state">
              <Bi m={M.waitCall} />
            </p>
          )}
          {counter?.officerName ? (
            <p className="ct-officer" data-testid="officer">
              <span>{M.officer.vi}</span>
              <strong>{counter.officerName}</strong>
            </p>
          ) : null}
        </main>
      )}
    </div>
  );
}
