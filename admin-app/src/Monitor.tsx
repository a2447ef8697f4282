import { useEffect } from 'react';
import type { FloorAlert, FloorCounter, FloorService, FloorState } from '@layso/protocol';
import {
  Banner,
  Bi,
  Button,
  CONNECTION,
  format,
  formatDateTime,
  useFloor,
  useNow,
  type Bilingual,
} from '@layso/ui-kit';
import { useAdmin } from './context.js';
import { A } from './messages.js';
import { Page, Problem, duration, useAction } from './parts.js';

const ALERT_LISTS: Partial<Record<FloorAlert['kind'], string>> = {
  'dossiers-overdue': '#dossiers/overdue',
  'results-uncollected': '#dossiers/uncollected',
  'feedback-overdue': '#feedback/overdue',
  'feedback-due-soon': '#feedback/soon',
};

const since = (iso: string | null, now: Date) =>
  iso ? duration((now.getTime() - new Date(iso).getTime()) / 1000) : null;

/** The live floor for supervisors: queues, counters, devices and the provincial sync, pushed by the server. */
export function Monitor() {
  const { api, session } = useAdmin();
  const { floor, status } = useFloor(session.token);
  const now = useNow(1000);
  // A refused socket means the session ended (expired, account disabled): one REST call gets the 401 that takes
  // the app back to sign-in with its message, instead of a monitor stuck on "offline".
  useEffect(() => {
    if (status === 'refused') void api.me().catch(() => undefined);
  }, [status, api]);
  return (
    <Page
      title={A.navMonitor}
      testId="page-monitor"
      actions={
        <span className={`ad-live ad-live-${status}`} data-testid="monitor-status">
          <Bi
            m={
              status === 'online'
                ? A.live
                : status === 'connecting'
                  ? CONNECTION.connecting
                  : CONNECTION.offline
            }
            single
          />
        </span>
      }
    >
      {floor ? <Floor floor={floor} now={now} /> : <p>{A.loading.vi}</p>}
    </Page>
  );
}

function Floor({ floor, now }: { floor: FloorState; now: Date }) {
  return (
    <div className="ad-floor">
      <section className="ad-alerts" data-testid="monitor-alerts" aria-live="polite">
        {floor.alerts.length === 0 ? (
          <Banner tone="info" title={A.noAlerts} />
        ) : (
          floor.alerts.map((a, i) => {
            const banner = (
              <Banner
                key={`${a.kind}-${a.deviceId ?? i}`}
                tone={a.severity}
                title={{
                  vi: a.since ? `${a.vi} (từ ${formatDateTime(a.since)})` : a.vi,
                  en: a.since ? `${a.en} (since ${formatDateTime(a.since)})` : a.en,
                }}
              />
            );
            // The dossiers' and feedback cases' alerts open the list they speak of.
            const list = ALERT_LISTS[a.kind];
            return list ? (
              <a key={`${a.kind}-${i}`} href={list} className="ad-alert-link" data-testid={`alert-${a.kind}`}>
                {banner}
              </a>
            ) : (
              banner
            );
          })
        )}
      </section>
      <section className="ad-card ad-scroll">
        <table className="ad-table ad-wide-table" data-testid="monitor-services">
          <thead>
            <tr>
              <th>
                <Bi m={A.service} />
              </th>
              <th className="num">
                <Bi m={A.waiting} />
              </th>
              <th className="num">
                <Bi m={A.longestWait} />
              </th>
              <th className="num">
                <Bi m={A.estimated} />
              </th>
              <th className="num">
                <Bi m={A.openCounters} />
              </th>
              <th className="num">
                <Bi m={A.issuedToday} />
              </th>
              <th className="num">
                <Bi m={A.servedToday} />
              </th>
            </tr>
          </thead>
          <tbody>
            {floor.services.map((s) => (
              <ServiceRow key={s.id} s={s} now={now} />
            ))}
          </tbody>
        </table>
      </section>
      <section className="ad-counter-grid" data-testid="monitor-counters">
        {floor.counters.map((c) => (
          <CounterCard key={c.id} c={c} now={now} />
        ))}
      </section>
      <div className="ad-two">
        <section className="ad-card" data-testid="monitor-devices">
          <h2>
            <Bi m={A.devices} single />
          </h2>
          <ul className="ad-devices">
            {floor.devices.map((d) => (
              <li key={d.id} className={d.online ? 'ad-on' : 'ad-off'}>
                <span className="ad-dot" aria-hidden />
                <span className="ad-device-name">{d.name}</span>
                <Bi m={d.online ? A.online : A.offline} single />
                {d.printer ? (
                  <span className={`ad-printer ad-printer-${d.printer}`}>
                    <Bi m={A[`printer_${d.printer}`]} single />
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
        <Outbox floor={floor} />
      </div>
    </div>
  );
}

function ServiceRow({ s, now }: { s: FloorService; now: Date }) {
  const longest = since(s.longestWaitingSince, now);
  const minutes = s.longestWaitingSince
    ? (now.getTime() - new Date(s.longestWaitingSince).getTime()) / 60_000
    : 0;
  return (
    <tr data-testid={`monitor-service-${s.code}`}>
      <td>
        <strong>{s.name}</strong>
        {!s.issuing && s.notIssuingReason ? (
          <span className="ad-tag">
            <Bi m={A[`notIssuing_${s.notIssuingReason}`]} single />
          </span>
        ) : null}
      </td>
      <td className="num ad-big" data-testid="waiting">
        {s.waiting}
        {s.waitingPriority ? <small> ({s.waitingPriority} ưu tiên)</small> : null}
      </td>
      <td className={`num ${minutes >= 30 ? 'ad-bad' : minutes >= 15 ? 'ad-warn' : ''}`}>
        {longest ? <Bi m={longest} single /> : '—'}
      </td>
      <td className="num">
        <Bi m={format(A.minutes, { n: s.estimatedWaitMinutes })} single />
      </td>
      <td className="num">{s.openCounters}</td>
      <td className="num">{s.issuedToday}</td>
      <td className="num">{s.servedToday}</td>
    </tr>
  );
}

function CounterCard({ c, now }: { c: FloorCounter; now: Date }) {
  const state: Bilingual =
    c.status === 'closed'
      ? A.counterClosed
      : c.status === 'paused'
        ? A.counterPaused
        : c.serving
          ? format(A.counterServing, { number: c.currentNumber ?? '' })
          : A.counterOpen;
  const how = since(c.since, now);
  const kind = c.status === 'open' ? (c.serving ? 'serving' : 'idle') : c.status;
  return (
    <article className={`ad-counter ad-counter-${kind}`} data-testid={`monitor-counter-${c.number}`}>
      <header>
        <strong>{c.name}</strong>
        <span>{c.officerName ?? '—'}</span>
      </header>
      <p className="ad-counter-state">
        <Bi m={state} single />
      </p>
      {c.status === 'paused' && c.pauseReason ? <p className="ad-muted">{c.pauseReason}</p> : null}
      <footer>
        {how && c.status !== 'closed' ? <Bi m={format(A.forHowLong, { t: how.vi })} single /> : <span />}
        <span>
          <Bi m={A.servedToday} single />: {c.servedToday}
        </span>
      </footer>
    </article>
  );
}

function Outbox({ floor }: { floor: FloorState }) {
  const { api, canEdit } = useAdmin();
  const retry = useAction();
  const o = floor.outbox;
  return (
    <section className="ad-card" data-testid="monitor-outbox">
      <h2>
        <Bi m={A.outbox} single />
      </h2>
      <p>
        <strong>
          <Bi m={A[`province_${o.province}`]} single />
        </strong>
      </p>
      <p>
        <Bi m={format(A.outboxPending, { n: o.pending })} single />
        {o.oldestPendingAt ? ` · ${formatDateTime(o.oldestPendingAt)}` : ''}
      </p>
      {o.dead > 0 ? (
        <p className="ad-bad">
          <Bi m={format(A.outboxDead, { n: o.dead })} single />
        </p>
      ) : null}
      {o.dead > 0 && canEdit ? (
        <Button variant="secondary" busy={retry.busy} onClick={() => void retry.run(() => api.retryDead())}>
          <Bi m={A.retryDead} single />
        </Button>
      ) : null}
      <Problem error={retry.error} />
    </section>
  );
}
