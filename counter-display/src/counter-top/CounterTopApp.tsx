import { useCallback, useEffect, useRef, useState } from 'react';
import type { Rating, RatingReason } from '@layso/protocol';
import { Bi, Button, createApi, format, QrCode, useCountdown, StatusScreen, useStream } from '@layso/ui-kit';
import { ConnectionBadge } from '../shared/ConnectionBadge.js';
import { SHARED } from '../shared/messages.js';
import { Face } from './Face.js';
import { M, RATINGS, REASONS } from './messages.js';

type Asking = { ticketId: number; number: string; step: 'level' | 'reason' };
/** `feedbackUrl`: after "Không hài lòng", the feedback form for this ticket (its QR stays for the rating's time). */
type Thanks = { saved: boolean; feedbackUrl: string | null };
const THANKS_SECONDS = 6;
/** Taps and keys within this long of a new step are ignored (a bounced key, a double tap). */
const SETTLE_MS = 600;

/**
 * The feedback form's QR as the server draws it (`/pa/qr.svg?t=…&from=rating`): the same address as `feedbackUrl`,
 * whose query names the ticket and where the form was opened from.
 */
const feedbackQrSrc = (url: string) => `/pa/qr.svg${new URL(url, window.location.href).search}`;

/**
 * The screen facing the citizen: who serves them and which number; after each service, the rating prompt
 * for `ratingSeconds` — three levels, a reason when not satisfied — by touch or keys 1–3 (a keypad in
 * keyboard mode works as is). The citizen is thanked either way; a rating is stored once, by the server. After
 * "Không hài lòng" the thanks carry the feedback form's QR for this ticket (when the server offers feedback).
 */
export function CounterTopApp({ token, counterId: fromAddress }: { token: string; counterId: number }) {
  const { realtime, state: rt } = useStream('/counter', token, 'counter-top');
  const [centerName, setCenterName] = useState('');
  const [ratingSeconds, setRatingSeconds] = useState(30);
  // The counter this screen is paired to, as the server knows it (the address may name another by mistake).
  const [counterId, setCounterId] = useState(fromAddress);
  const [asking, setAsking] = useState<Asking | null>(null);
  const [thanks, setThanks] = useState<Thanks | null>(null);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  /** A key bounce or a second tap right after a step appears is not an answer: answers count once it settles. */
  const [ready, setReady] = useState(false);
  const readyRef = useRef(false);
  const settleTimer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(settleTimer.current), []);

  // Read on every (re)connect and again whenever the admin changes the settings (`settings:changed`).
  useEffect(() => {
    if (rt.status !== 'online') return;
    void createApi({ token })
      .screenSettings()
      .then(
        (s) => {
          setCenterName(s.centerName);
          setRatingSeconds(s.ratingSeconds);
          if (s.counterId !== null) setCounterId(s.counterId);
        },
        () => undefined,
      );
  }, [rt.status, rt.settingsVersion, token]);

  const ask = useCallback((next: Asking | null) => {
    readyRef.current = false;
    setReady(false);
    window.clearTimeout(settleTimer.current);
    settleTimer.current = window.setTimeout(() => {
      readyRef.current = true;
      setReady(true);
    }, SETTLE_MS);
    setAsking(next);
  }, []);

  useEffect(
    () =>
      realtime.on('rating:request', (e) => {
        setThanks(null);
        ask({ ticketId: e.ticketId, number: e.number, step: 'level' });
      }),
    [realtime, ask],
  );

  const submit = useCallback(
    async (rating: Rating, reason: RatingReason | null) => {
      if (!asking || sendingRef.current) return;
      const ticketId = asking.ticketId;
      sendingRef.current = true;
      setSending(true);
      const reply = await realtime.ask('rating:submit', { ticketId, rating, reason });
      sendingRef.current = false;
      setSending(false);
      // A new citizen's prompt that arrived meanwhile stays on screen.
      setAsking((a) => (a?.ticketId === ticketId ? null : a));
      setThanks({ saved: reply.ok, feedbackUrl: reply.ok ? (reply.value.feedbackUrl ?? null) : null });
    },
    [asking, realtime],
  );

  const settled = () => readyRef.current;
  const choose = useCallback(
    (rating: Rating) => {
      if (!asking || asking.step !== 'level' || !settled()) return;
      if (rating === 'unsatisfied') ask({ ...asking, step: 'reason' });
      else void submit(rating, null);
    },
    [asking, ask, submit],
  );

  // No answer in time: the citizen has left; nothing is stored and the screen rests, saying nothing to the next.
  const left = useCountdown(ratingSeconds, () => setAsking(null), asking?.ticketId ?? null);
  // A QR to scan stays as long as the rating prompt did: the citizen needs the time to take out a phone.
  useCountdown(thanks?.feedbackUrl ? ratingSeconds : THANKS_SECONDS, () => setThanks(null), thanks);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!asking || e.repeat || e.ctrlKey || e.altKey || e.metaKey || !settled()) return;
      if (asking.step === 'level') {
        const r = RATINGS.find((x) => x.key === e.key);
        if (r) choose(r.value);
      } else {
        const r = REASONS.find((x) => x.key === e.key);
        if (r) void submit('unsatisfied', r.value);
        else if (e.key === 'Escape' || e.key === 'Backspace') ask({ ...asking, step: 'level' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [asking, ask, choose, submit]);

  if (rt.status === 'refused') {
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
        <main className="ct-ask" data-testid="rating" data-step={asking.step} data-ready={ready}>
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
                  onClick={() => {
                    if (settled()) void submit('unsatisfied', r.value);
                  }}
                  busy={sending}
                  testId={`reason-${r.value}`}
                >
                  <span className="ct-key">{r.key}</span>
                  <Bi m={r.label} />
                </Button>
              ))}
            </div>
          )}
          {asking.step === 'reason' ? (
            <div className="ct-reason-foot">
              <Button variant="ghost" onClick={() => ask({ ...asking, step: 'level' })} testId="reason-back">
                <Bi m={M.back} />
              </Button>
              <Button
                variant="ghost"
                onClick={() => void submit('unsatisfied', null)}
                busy={sending}
                testId="reason-skip"
              >
                <Bi m={M.skip} />
              </Button>
            </div>
          ) : null}
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
          {thanks.feedbackUrl ? (
            <div className="ct-feedback" data-testid="feedback-qr" data-url={thanks.feedbackUrl}>
              <QrCode src={feedbackQrSrc(thanks.feedbackUrl)} size={320} label={M.feedbackScan.vi} />
              <p>
                <Bi m={M.feedbackScan} />
              </p>
            </div>
          ) : null}
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
