/**
 * Notices throughput (issue 19): the ZNS and SMS adapters sending to healthy stand-ins (`npm run notify-mock`'s
 * servers, real HTTP on 127.0.0.1), as the dispatcher's per-channel worker would — each notice one attempt, a few
 * in flight at once. Reports notices per second and the per-attempt latency p50/p99 per channel and concurrency.
 * Prints a table and writes bench-results/notices.json. BENCH_NOTICES (default 2000) changes the size.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTemplate, type NoticeTemplate } from '@layso/protocol';
import { smsAdapter, startNotifyMock, znsAdapter } from '@layso/queue-server';
import { REPO_ROOT } from '../support/child.js';

const NOTICES = Number(process.env.BENCH_NOTICES ?? 2000);
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

async function main(): Promise<void> {
  const mock = await startNotifyMock({ port: 0, zns: { dailyQuota: 10_000_000 } });
  const config = { credential: null, timeoutMs: 10_000 };
  const adapters = {
    zns: znsAdapter({ ...config, url: mock.urls.zns, sender: null }),
    sms: smsAdapter({ ...config, url: mock.urls.sms, sender: 'LAYSO' }),
  };
  const rows: Row[] = [];
  try {
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
      `Notices to healthy stand-ins (${NOTICES} per run, one attempt each)`,
      ...rows.map(
        (r) =>
          `  ${r.channel.padEnd(4)} ×${String(r.concurrency).padEnd(3)} ${r.perSecond.toFixed(0).padStart(6)} notices/s` +
          ` · attempt p50 ${r.p50Ms.toFixed(1)} ms · p99 ${r.p99Ms.toFixed(1)} ms`,
      ),
    ].join('\n'),
  );
  const dir = join(REPO_ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'notices.json'), `${JSON.stringify({ rows }, null, 2)}\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
