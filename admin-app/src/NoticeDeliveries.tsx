import { useState } from 'react';
import {
  NOTICE_CHANNELS,
  NOTICE_EVENTS,
  NoticeChannel,
  type NoticeCounts,
  NoticeState,
  type NoticeSummary,
} from '@layso/protocol';
import { Banner, Bi, Button, format, formatDateTime, vietnamDay, type Bilingual } from '@layso/ui-kit';
import { useAdmin } from './context.js';
import { A } from './messages.js';
import {
  CHANNEL_NAMES,
  EVENT_NAMES,
  HEALTH_NAMES,
  N,
  reasonInWords,
  STATE_NAMES,
} from './notice-messages.js';
import { DataTable, DayRange, Field, Page, Problem, useAction, useLoad, type Column } from './parts.js';

const COUNT_COLUMNS: { key: keyof NoticeCounts; m: Bilingual }[] = [
  { key: 'sent', m: N.sent },
  { key: 'failed', m: N.failed },
  { key: 'dead', m: N.dead },
  { key: 'dropped', m: N.dropped },
  { key: 'pending', m: N.pending },
];

function CountCells({ c }: { c: NoticeCounts | undefined }) {
  return (
    <>
      {COUNT_COLUMNS.map(({ key }) => (
        <td key={key} className={`num ${key === 'dead' && c?.dead ? 'ad-bad' : ''}`}>
          {c ? c[key] : 0}
        </td>
      ))}
    </>
  );
}

/**
 * "Tin đã gửi": notices by channel and event over some days (sent, failed attempts, dead, dropped as stale, still
 * pending), this month's messages per channel (what the provider bills), each provider's health, and the recent
 * notices — no phone, endpoint or text — with their errors; admins send dead ones again (audited by the server).
 */
export function NoticeDeliveries() {
  const { api, canEdit } = useAdmin();
  const today = vietnamDay(new Date());
  const [from, setFrom] = useState<string | null>(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState<string | null>(today);
  const [state, setState] = useState<NoticeState | ''>('');
  const [channel, setChannel] = useState<NoticeChannel | ''>('');
  const [retried, setRetried] = useState<number | null>(null);
  const retry = useAction();
  const summary = useLoad(
    () =>
      api.noticeDeliveries({
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(state ? { state } : {}),
        ...(channel ? { channel } : {}),
        limit: 100,
      }),
    [api, from, to, state, channel],
  );
  const again = (body: { ids?: number[]; channel?: NoticeChannel }) =>
    void retry
      .run(() => api.retryNotices(body))
      .then((r) => {
        if (!r) return;
        setRetried(r.retried);
        summary.reload();
      });
  const s: NoticeSummary | null = summary.data;

  return (
    <Page
      title={N.navDeliveries}
      testId="page-deliveries"
      actions={
        <Button variant="secondary" onClick={summary.reload} testId="deliveries-refresh">
          <Bi m={A.refresh} single />
        </Button>
      }
    >
      <div className="ad-card ad-report-form">
        <DayRange from={from} to={to} today={today} onFrom={setFrom} onTo={setTo} />
      </div>
      <Problem error={summary.error} />
      <Problem error={retry.error} testId="retry-error" />
      {retried !== null ? (
        <Banner tone="info" title={format(N.retried, { n: retried })} testId="notices-retried" />
      ) : null}
      {s ? (
        <>
          <section className="ad-card" data-testid="notice-month">
            <h2>
              <Bi m={format(N.month, { month: monthLabel(s.month.month) })} single />
            </h2>
            <div className="ad-notice-channels">
              {NOTICE_CHANNELS.map((ch) => {
                const h = s.health[ch];
                return (
                  <div key={ch} className="ad-notice-channel" data-testid={`month-${ch}`}>
                    <strong>
                      <Bi m={CHANNEL_NAMES[ch]} single />
                    </strong>
                    <span className="ad-big">{s.month[ch]}</span>
                    {h ? (
                      <span
                        className={
                          h.state === 'failing' ? 'ad-bad' : h.state === 'up' ? 'ad-good' : 'ad-muted'
                        }
                      >
                        {HEALTH_NAMES[h.state].vi}
                        {h.state === 'failing'
                          ? ` · ${format(N.failures, { n: h.consecutiveFailures }).vi}`
                          : ''}
                        {h.lastError ? ` · ${reasonInWords(h.lastError)?.vi ?? h.lastError}` : ''}
                      </span>
                    ) : null}
                    {canEdit && (s.byChannel[ch]?.total.dead ?? 0) > 0 ? (
                      <Button
                        variant="secondary"
                        busy={retry.busy}
                        onClick={() => again({ channel: ch })}
                        testId={`retry-dead-${ch}`}
                      >
                        <Bi m={format(N.retryDead, { channel: CHANNEL_NAMES[ch].vi })} single />
                      </Button>
                    ) : null}
                  </div>
                );
              })}
            </div>
          </section>

          <DataTable
            testId="notice-counts"
            columns={[N.channel, N.event, ...COUNT_COLUMNS.map((c): Column => ({ m: c.m, num: true }))]}
          >
            {NOTICE_CHANNELS.flatMap((ch) => {
              const c = s.byChannel[ch];
              return [
                <tr key={ch} className="ad-strong" data-testid={`counts-${ch}`}>
                  <td>
                    <Bi m={CHANNEL_NAMES[ch]} single />
                  </td>
                  <td>{N.total.vi}</td>
                  <CountCells c={c?.total} />
                </tr>,
                ...NOTICE_EVENTS.filter((e) => c?.byEvent[e]).map((e) => (
                  <tr key={`${ch}-${e}`} data-testid={`counts-${ch}-${e}`}>
                    <td />
                    <td>{EVENT_NAMES[e].vi}</td>
                    <CountCells c={c?.byEvent[e]} />
                  </tr>
                )),
              ];
            })}
          </DataTable>

          <section className="ad-card">
            <h2>
              <Bi m={N.recent} single />
            </h2>
            <div className="ad-row">
              <Field label={N.state}>
                <select name="state" value={state} onChange={(e) => setState(stateOf(e.target.value))}>
                  <option value="">{N.all.vi}</option>
                  {(['dead', 'pending', 'sent', 'dropped'] as const).map((x) => (
                    <option key={x} value={x}>
                      {STATE_NAMES[x].vi}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={N.channel}>
                <select
                  name="channel"
                  value={channel}
                  onChange={(e) => setChannel(channelOf(e.target.value))}
                >
                  <option value="">{N.all.vi}</option>
                  {NOTICE_CHANNELS.map((x) => (
                    <option key={x} value={x}>
                      {CHANNEL_NAMES[x].vi}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
          </section>
          <DataTable
            testId="notice-items"
            columns={[
              N.created,
              N.channel,
              N.event,
              N.key,
              N.state,
              { m: N.attempts, num: true },
              N.lastError,
              null,
            ]}
          >
            {s.items.map((i) => (
              <tr key={i.id} data-testid={`notice-${i.id}`} data-state={i.state}>
                <td className="ad-nowrap">{formatDateTime(i.createdAt)}</td>
                <td>{CHANNEL_NAMES[i.channel].vi}</td>
                <td>{EVENT_NAMES[i.event].vi}</td>
                <td className="ad-mono ad-nowrap">{i.key}</td>
                <td className={i.state === 'dead' ? 'ad-bad' : i.state === 'sent' ? 'ad-good' : ''}>
                  {STATE_NAMES[i.state].vi}
                  {i.doneAt ? <small className="ad-muted"> · {formatDateTime(i.doneAt)}</small> : null}
                </td>
                <td className="num">{i.attempts}</td>
                <td className="ad-detail">{i.lastError ? <Reason raw={i.lastError} /> : null}</td>
                <td className="ad-row-actions">
                  {canEdit && i.state === 'dead' ? (
                    <Button
                      variant="secondary"
                      busy={retry.busy}
                      onClick={() => again({ ids: [i.id] })}
                      testId={`retry-${i.id}`}
                    >
                      <Bi m={N.retry} single />
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </DataTable>
          {s.items.length === 0 ? <p className="ad-muted">{N.none.vi}</p> : null}
        </>
      ) : summary.error ? null : (
        <p>{A.loading.vi}</p>
      )}
    </Page>
  );
}

const stateOf = (v: string): NoticeState | '' => NoticeState.safeParse(v).data ?? '';
const channelOf = (v: string): NoticeChannel | '' => NoticeChannel.safeParse(v).data ?? '';

/** `2026-12` as the admin reads a month: `12/2026`. */
function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return y && m ? `${m}/${y}` : month;
}

/** A stored reason: what it means, then the reason as the server wrote it. */
function Reason({ raw }: { raw: string }) {
  const words = reasonInWords(raw);
  return words ? (
    <>
      {words.vi} <small className="ad-muted">({raw})</small>
    </>
  ) : (
    <>{raw}</>
  );
}
