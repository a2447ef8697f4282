/**
 * `npm run notify-mock -- [flags]`: runs the notice stand-ins (./mock.ts: ZNS, SMS brandname, Web Push) until
 * SIGINT/SIGTERM. Prints one line at start (URLs, faults, how to point the center at them), then one line per
 * provider request with its status — never a phone, an endpoint or a message, which are personal data.
 */
import { parseArgs } from 'node:util';
import { createRandom } from '../sim/random.js';
import { describeFaults, FaultsError } from '../sync/provincial-mock-faults.js';
import type { NoticeFaults } from './mock-gate.js';
import { PROVIDERS, startNotifyMock, type Provider } from './mock.js';

const HELP = `notify-mock — giả lập nhà cung cấp thông báo / stand-ins for the notice providers (ZNS, SMS, Web Push)

Cách dùng / usage: npm run notify-mock -- [flags]

  --host <addr>              listen address (default 127.0.0.1)
  --port <n>                 port (default 8091; 0 = any free port)
  --only <zns|sms|push>      apply the fault flags below to this provider only (default: all three)
  --zns-token <t>            require header "access_token: <t>" on ZNS
  --sms-key <k>              require "Authorization: Bearer <k>" on SMS
  --brandname <name>         registered SMS sender name (default LAYSO)
  --zns-quota <n>            ZNS messages a day (default 5000)
  --no-zalo <84…,84…>        phones that have no Zalo account (ZNS answers -118)
  --no-vapid                 accept pushes without VAPID
  --error-rate <0..1>        answer 500/502/503
  --latency-ms <ms>          delay every reply
  --hang-rate <0..1>         hold the request --hang-ms, then close the socket without a reply
  --hang-ms <ms>             (default 3000)
  --drop-rate <0..1>         close the socket without a reply
  --outage <from-to>         503 between these seconds since start, e.g. 30-90
  --down                     start in an outage (503 until POST /_control/<provider> {"down":false})
  --rate-limit-rate <0..1>   answer 429 with Retry-After
  --retry-after <s>          Retry-After seconds of a 429 (default 5)
  --fail-after-store-rate <0..1>  deliver, then lose the reply (the retry must not reach the phone twice)
  --seed <n>                 reproducible randomness
  --quiet                    no line per request
  -h, --help

At run time:
  curl -s localhost:8091/stats
  curl -s -X POST localhost:8091/_control/sms -d '{"errorRate":0.5}'
  curl -s -X POST localhost:8091/_control/push/subscriptions      # a browser's subscription, to POST to the center
  curl -s localhost:8091/_control/push/messages                   # what the phones would show (decrypted)
  curl -s -X POST localhost:8091/_control/zns/no-zalo -d '{"phone":"84912345678"}'
  curl -s -X POST localhost:8091/_control/reset`;

function fail(message: string): never {
  console.error(`notify-mock: ${message}\n\n${HELP}`);
  process.exit(2);
}

function parse() {
  const text = { type: 'string' } as const;
  const flag = { type: 'boolean' } as const;
  try {
    return parseArgs({
      strict: true,
      allowPositionals: false,
      options: {
        host: text,
        port: text,
        only: text,
        'zns-token': text,
        'sms-key': text,
        brandname: text,
        'zns-quota': text,
        'no-zalo': text,
        'no-vapid': flag,
        'error-rate': text,
        'latency-ms': text,
        'hang-rate': text,
        'hang-ms': text,
        'drop-rate': text,
        outage: text,
        down: flag,
        'rate-limit-rate': text,
        'retry-after': text,
        'fail-after-store-rate': text,
        seed: text,
        quiet: flag,
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
}

function num(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) fail(`--${flag} must be a number`);
  return n;
}

const args = parse();
if (args.help) {
  console.log(HELP);
  process.exit(0);
}
const port = num(args.port, 'port') ?? 8091;
if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be an integer 0..65535');
const only = args.only === undefined ? undefined : PROVIDERS.find((p) => p === args.only);
if (args.only !== undefined && !only) fail('--only is zns, sms or push');
const outage =
  args.outage === undefined ? null : /^\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*$/.exec(args.outage);
if (args.outage !== undefined && !outage)
  fail('--outage must be <from>-<to> in seconds since start, e.g. 30-90');
const seed = num(args.seed, 'seed');

// Unset flags are left out: the library keeps its defaults for them.
const faults: Partial<NoticeFaults> = Object.fromEntries(
  Object.entries({
    errorRate: num(args['error-rate'], 'error-rate'),
    latencyMs: num(args['latency-ms'], 'latency-ms'),
    hangRate: num(args['hang-rate'], 'hang-rate'),
    hangMs: num(args['hang-ms'], 'hang-ms'),
    dropRate: num(args['drop-rate'], 'drop-rate'),
    outageFrom: outage ? Number(outage[1]) : undefined,
    outageTo: outage ? Number(outage[2]) : undefined,
    down: args.down,
    rateLimitRate: num(args['rate-limit-rate'], 'rate-limit-rate'),
    retryAfterSeconds: num(args['retry-after'], 'retry-after'),
    failAfterStoreRate: num(args['fail-after-store-rate'], 'fail-after-store-rate'),
  }).filter(([, v]) => v !== undefined),
);
const targets: readonly Provider[] = only ? [only] : PROVIDERS;

const mock = await startNotifyMock({
  host: args.host ?? '127.0.0.1',
  port,
  faults: Object.fromEntries(targets.map((p) => [p, faults])),
  zns: {
    accessToken: args['zns-token'],
    dailyQuota: num(args['zns-quota'], 'zns-quota'),
    noZalo: args['no-zalo']?.split(',').map((p) => p.trim()),
  },
  sms: { apiKey: args['sms-key'], brandnames: args.brandname ? [args.brandname] : undefined },
  requireVapid: !args['no-vapid'],
  random: seed === undefined ? undefined : createRandom(seed).next,
  onRequest: args.quiet
    ? undefined
    : (e) => console.log(`${e.provider} ${e.status === null ? 'no reply' : String(e.status)}`),
}).catch((e: unknown) => {
  if (e instanceof FaultsError) return fail(e.message);
  const code = e instanceof Error && 'code' in e ? e.code : undefined;
  if (code === 'EADDRINUSE') return fail(`port ${port} is in use (cổng đang bận); try --port 0`);
  return fail(e instanceof Error ? e.message : String(e));
});

for (const p of PROVIDERS) {
  const url = p === 'push' ? `${mock.url}/push (POST /_control/push/subscriptions)` : mock.urls[p];
  console.log(`  ${p}: ${url} · lỗi/faults: ${describeFaults(mock[p].gate.faults())}`);
}
console.log(
  `Nhà cung cấp thông báo giả lập / notice stand-ins at ${mock.url} · chạy máy chủ với / run the center with ` +
    `ALLOW_HTTP_UPSTREAM=true, then in Admin → Thông báo set ZNS URL ${mock.urls.zns} and SMS URL ${mock.urls.sms}` +
    ` (brandname ${args.brandname ?? 'LAYSO'})`,
);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  const s = { zns: mock.zns.stats().sent, sms: mock.sms.stats().sent, push: mock.push.stats().delivered };
  void mock.close().then(() => {
    console.log(`notify mock stopped · sent zns=${s.zns} sms=${s.sms} push=${s.push}`);
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
