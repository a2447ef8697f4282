import { useCallback, useEffect, useMemo, useState, type CSSProperties } from 'react';
import type { ScreenSettings } from '@layso/protocol';
import { Bi, Button, createApi, format, formatClock, useNow, StatusScreen, useStream } from '@layso/ui-kit';
import { ConnectionBadge } from '../shared/ConnectionBadge.js';
import { SHARED } from '../shared/messages.js';
import { callsToShow, followedServices } from './follow.js';
import { M } from './messages.js';
import { useAnnouncer, type VoiceChoice } from './useAnnouncer.js';

const SETTINGS_RETRY_MS = 5000;

/**
 * The lobby wall on a 1080p TV across the hall: the newest call as large as the screen allows, the calls
 * before it, who waits per service, the time, and the center's notice. Everything comes from the server's
 * snapshot and events; after a network loss or a server restart it shows the true state by itself.
 */
export function DisplayApp({ token }: { token: string }) {
  const params = useMemo(() => new URLSearchParams(window.location.search), []);
  const voice = (['clips', 'speech', 'off'] as const).find((v) => v === params.get('voice')) ?? 'clips';
  const { realtime, state: rt } = useStream('/display', token, 'display');
  const [settings, setSettings] = useState<ScreenSettings | null>(null);

  // Settings are re-read on every (re)connect — a restarted server may carry new wording or a new notice — and
  // whenever the admin changes them (`settings:changed`), and retried while they fail; they are replaced only
  // when they changed, so the voice is not rebuilt for nothing.
  useEffect(() => {
    if (rt.status !== 'online') return;
    let live = true;
    let timer: number | undefined;
    const load = () =>
      createApi({ token })
        .screenSettings()
        .then(
          (s) => live && setSettings((old) => (JSON.stringify(old) === JSON.stringify(s) ? old : s)),
          () => {
            if (live) timer = window.setTimeout(load, SETTINGS_RETRY_MS);
          },
        );
    void load();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [rt.status, rt.settingsVersion, token]);

  const snapshot = rt.snapshot;
  // Keyed by the services themselves, not by every event that changes the snapshot.
  const serviceKey = snapshot?.services.map((s) => `${s.id}:${s.code}`).join() ?? '';
  const followed = useMemo(
    () => (serviceKey ? followedServices(params.get('services'), snapshot?.services ?? []) : null),
    [params, serviceKey], // serviceKey stands for snapshot.services
  );
  const follows = useCallback((id: number) => followed === null || followed.has(id), [followed]);
  const voiceState = useAnnouncer(realtime, settings, voice as VoiceChoice, follows);
  const now = useNow(1000);
  const clock = formatClock(now);

  if (rt.status === 'refused') {
    return <StatusScreen title={SHARED.refusedTitle} text={SHARED.pairText} testId="refused" />;
  }
  const { hero, earlier } = snapshot ? callsToShow(snapshot, follows) : { hero: null, earlier: [] };
  const services = snapshot?.services.filter((s) => follows(s.id)) ?? [];
  const counterLabel = (n: number) => format(SHARED.counter, { n });

  return (
    <div className="ds-root" data-testid="display">
      <ConnectionBadge status={rt.status} />
      <header className="ds-head">
        <div className="ds-center">{settings?.centerName ?? ''}</div>
        <div className="ds-clock">
          <span className="ds-time" data-testid="clock">
            {clock.time}
          </span>
          <span className="ds-date">{clock.vi}</span>
        </div>
      </header>
      <main className="ds-main">
        <section className="ds-calls">
          {hero ? (
            <div
              key={`${hero.ticketId}:${hero.recall}`}
              className="ds-hero ds-flash"
              data-testid="hero"
              data-ticket={hero.ticketId}
            >
              <div className="ds-hero-label">
                <Bi m={M.inviting} />
              </div>
              <div className="ds-hero-row">
                <span
                  className="ds-hero-number"
                  data-testid="hero-number"
                  style={{ '--ds-chars': hero.number.length } as CSSProperties}
                >
                  {hero.number}
                </span>
                <svg className="ds-hero-arrow" viewBox="0 0 24 24" aria-hidden>
                  <path d="M3 12h15M12 5l7 7-7 7" fill="none" stroke="currentColor" strokeWidth="3" />
                </svg>
                <span className="ds-hero-counter" data-testid="hero-counter">
                  <Bi m={M.counterWord} className="ds-hero-counter-label" />
                  <span className="ds-hero-counter-number" data-testid="hero-counter-number">
                    {hero.counterNumber}
                  </span>
                </span>
              </div>
              {voiceState.caption ? (
                <div className="ds-caption" data-testid="caption">
                  {voiceState.caption}
                </div>
              ) : null}
            </div>
          ) : (
            <div className="ds-hero ds-hero-empty" data-testid="hero-empty">
              <Bi m={M.noCalls} />
            </div>
          )}
          <h2 className="ds-subtitle">
            <Bi m={M.recent} />
          </h2>
          <ol className="ds-recent" data-testid="recent">
            {earlier.map((c) => (
              <li key={c.ticketId} className="ds-recent-item">
                <span className="ds-recent-number">{c.number}</span>
                <span className="ds-recent-counter">{counterLabel(c.counterNumber).vi}</span>
              </li>
            ))}
          </ol>
        </section>
        <section className="ds-waiting">
          <h2 className="ds-subtitle">
            <Bi m={M.waiting} />
          </h2>
          <ul
            className={`ds-services ${services.length > 10 ? 'ds-services-dense' : ''}`}
            data-testid="services"
          >
            {services.map((s) => (
              <li
                key={s.id}
                className={`ds-service ${s.issuing ? '' : 'ds-service-closed'}`}
                data-service={s.code}
              >
                <span className="ds-service-name">{s.name}</span>
                <span className="ds-service-count" data-testid={`waiting-${s.code}`}>
                  {s.waiting}
                </span>
                <span className="ds-service-wait">
                  {s.issuing
                    ? s.waiting > 0
                      ? format(M.minutes, { n: s.estimatedWaitMinutes }).vi
                      : ''
                    : M.closed.vi}
                </span>
              </li>
            ))}
          </ul>
        </section>
      </main>
      <footer className="ds-foot">
        {settings?.notice ? (
          <div className="ds-notice" data-testid="notice">
            <span style={{ animationDuration: `${Math.max(20, settings.notice.length / 4)}s` }}>
              {settings.notice}
            </span>
          </div>
        ) : (
          <div className="ds-notice" />
        )}
      </footer>
      {voiceState.blocked ? (
        <div className="ds-sound" data-testid="sound-blocked">
          <Button size="large" onClick={voiceState.enable} testId="sound-on">
            <Bi m={M.soundOn} />
          </Button>
          <small>{M.soundHint.vi}</small>
        </div>
      ) : null}
      <div
        className="sc-visually-hidden"
        aria-live="polite"
        data-testid="announcer"
        data-engine={voiceState.engine}
        data-played={voiceState.state.played}
        data-failed={voiceState.state.failed}
        data-queued={voiceState.state.queued.length}
        data-heard={voiceState.heard.join(' ')}
      >
        {voiceState.caption ?? ''}
      </div>
    </div>
  );
}
