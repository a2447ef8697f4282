/**
 * Notices throughput (issue 19) to healthy stand-ins (`npm run notify-mock`'s servers, real HTTP on 127.0.0.1):
 *   - through the center: a real queue server whose outbox holds BENCH_OUTBOX notices per channel (ZNS, SMS, Web
 *     Push; planned in one transaction, as a busy moment would), its dispatcher sending them — notices per second
 *     from the wake-up to the stand-in holding the last one;
 *   - the adapters alone (ZNS, SMS), a few in flight at once: notices per second and one attempt's p50/p99.
 * Prints a table and writes bench-results/notices.json. BENCH_NOTICES (default 2000) and BENCH_OUTBOX (default 300)
 * change the sizes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTemplate, type NoticeTemplate } from '@layso/protocol';
import { NOTICE_CONSENT, Ticket } from '@layso/protocol';
import {
  DEFAULT_NOTICE_CONFIG,
  saveNoticeConfig,
  smsAdapter,
  startHarness,
  startNotifyMock,
  znsAdapter,
  type NoticeConfig,
  type NotifyMock,
} from '@layso/queue-server';
import { REPO_ROOT } from '../support/child.js';

const NOTICES = Number(process.env.BENCH_NOTICES ?? 2000);
const OUTBOX = Number(process.env.BENCH_OUTBOX ?? 300);
const CONCURRENCY = [1, 4, 16];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

const template: NoticeTemplate = {
  templateId: '301234',
  text: 'Số {number}: còn {ahead} người trước bạn — {center}',
  params: ['number', 'ahead', 'center'],
};

interface Row {
  channel: 'zns' | 'sms';
  concurrency: number;
  notices: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

interface Through {
  channel: 'zns' | 'sms' | 'push';
  notices: number;
  seconds: number;
  perSecond: number;
}

const open = (url: string | null, sender: string | null = null) => ({
  enabled: true,
  url,
  credential: null,
  sender,
  dailyQuota: 0,
  ratePerMinute: 100_000,
});

/** A real center: its outbox gets OUTBOX notices per channel at once; its dispatcher sends them to the stand-ins. */
async function throughCenter(mock: NotifyMock): Promise<Through[]> {
  const h = await startHarness({
    env: { ALLOW_HTTP_UPSTREAM: 'true', LOG_LEVEL: 'silent', PHONE_ACTIONS_PER_SOURCE: '9999/1m' },
  });
  const rows: Through[] = [];
  try {
    const serviceId = h.store.catalogue.services()[0]?.id;
    if (serviceId === undefined) throw new Error('no service');
    const tickets: Ticket[] = [];
    for (let i = 0; i < OUTBOX; i += 1) {
      const intake = {
        consent: true as const,
        phone: `09${String(10_000_000 + i).padStart(8, '0')}`,
        notices: { consentVersion: NOTICE_CONSENT.version },
      };
      const issued = await h.api('/api/tickets', {
        method: 'POST',
        token: h.credentials.kioskToken,
        body: { serviceId, intake },
      });
      if (issued.status !== 201) throw new Error(`issue: ${issued.status}`);
      const t = Ticket.parse(issued.body);
      const sub = mock.push.subscribe();
      const res = await h.api(`/api/public/tickets/${t.trackingCode}/push`, {
        method: 'POST',
        body: { endpoint: sub.endpoint, keys: sub.keys, consentVersion: NOTICE_CONSENT.version },
      });
      if (res.status >= 300) throw new Error(`push subscribe: ${res.status}`);
      tickets.push(t);
    }
    for (const channel of ['zns', 'sms', 'push'] as const) {
      const config: NoticeConfig = {
        ...DEFAULT_NOTICE_CONFIG,
        channels: {
          push: { ...open(null), enabled: channel === 'push' },
          zns: { ...open(mock.urls.zns), enabled: channel === 'zns' },
          sms: { ...open(mock.urls.sms, 'LAYSO'), enabled: channel === 'sms' },
        },
      };
      saveNoticeConfig(h.store, config);
      mock.reset();
      const subs = new Map(tickets.map((t) => [t.id, h.store.pushSubscriptions.byTicket(t.id)[0]?.id]));
      const at = new Date();
      h.store.transaction(() => {
        for (const t of tickets) {
          h.store.notices.plan({
            key: `t${t.id}:ahead:${channel}`,
            event: 'ahead',
            channel,
            target: channel === 'push' ? `s${subs.get(t.id) ?? 0}` : 'phone',
            ticketId: t.id,
            dossierCode: null,
            params: { number: t.number, ahead: '5', center: 'TTPVHCC tỉnh Vĩnh Long' },
            at,
          });
        }
      });
      const started = performance.now();
      h.server.ctx.notices.dispatcher.wake();
      const held = () => (channel === 'push' ? mock.push.stats().delivered : mock[channel].stats().sent);
      await mock.until(() => held() >= OUTBOX, 120_000);
      const seconds = (performance.now() - started) / 1000;
      rows.push({ channel, notices: OUTBOX, seconds, perSecond: OUTBOX / seconds });
    }
  } finally {
    await h.close();
  }
  return rows;
}

async function main(): Promise<void> {
  const mock = await startNotifyMock({ port: 0, zns: { dailyQuota: 10_000_000 } });
  const config = { credential: null, timeoutMs: 10_000 };
  const adapters = {
    zns: znsAdapter({ ...config, url: mock.urls.zns, sender: null }),
    sms: smsAdapter({ ...config, url: mock.urls.sms, sender: 'LAYSO' }),
  };
  const rows: Row[] = [];
  let through: Through[] = [];
  try {
    through = await throughCenter(mock);
    for (const channel of ['zns', 'sms'] as const) {
      for (const concurrency of CONCURRENCY) {
        mock.reset();
        const latencies: number[] = [];
        let next = 0;
        const started = performance.now();
        const worker = async (): Promise<void> => {
          while (next < NOTICES) {
            const i = next++;
            const params = { number: String(1001 + (i % 900)), ahead: '5', center: 'TTPVHCC tỉnh Vĩnh Long' };
            const t0 = performance.now();
            const result = await adapters[channel].send({
              key: `bench-${concurrency}-${i}:ahead:5`,
              event: 'ahead',
              channel,
              recipient: { kind: 'phone', phone: `09${String(10_000_000 + i).padStart(8, '0')}` },
              template,
              params,
              text: renderTemplate(template.text, params),
              url: 'http://127.0.0.1/t/bench',
              ttlSeconds: 600,
            });
            latencies.push(performance.now() - t0);
            if (result !== 'sent') throw new Error(`${channel} notice ${i}: ${JSON.stringify(result)}`);
          }
        };
        await Promise.all(Array.from({ length: concurrency }, worker));
        const seconds = (performance.now() - started) / 1000;
        const received = channel === 'zns' ? mock.zns.stats().sent : mock.sms.stats().sent;
        if (received !== NOTICES) throw new Error(`${channel}: ${received} received of ${NOTICES}`);
        rows.push({
          channel,
          concurrency,
          notices: NOTICES,
          seconds,
          perSecond: NOTICES / seconds,
          p50Ms: pct(latencies, 50),
          p99Ms: pct(latencies, 99),
        });
      }
    }
  } finally {
    await mock.close();
  }
  console.log(
    [
      `Notices through a center's outbox and dispatcher (${OUTBOX} per channel, planned at once)`,
      ...through.map(
        (r) =>
          `  ${r.channel.padEnd(4)} ${r.perSecond.toFixed(0).padStart(6)} notices/s (${r.seconds.toFixed(2)} s)`,
      ),
      `The adapters alone (${NOTICES} per run, one attempt each)`,
      ...rows.map(
        (r) =>
          `  ${r.channel.padEnd(4)} ×${String(r.concurrency).padEnd(3)} ${r.perSecond.toFixed(0).padStart(6)} notices/s` +
          ` · attempt p50 ${r.p50Ms.toFixed(1)} ms · p99 ${r.p99Ms.toFixed(1)} ms`,
      ),
    ].join('\n'),
  );
  const dir = join(REPO_ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'notices.json'), `${JSON.stringify({ through, adapters: rows }, null, 2)}\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
