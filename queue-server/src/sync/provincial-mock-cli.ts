/**
 * `npm run provincial-mock -- [flags]`: runs the provincial stand-in (./provincial-mock.ts) until SIGINT/SIGTERM.
 * Prints one line at start (URL, active faults, how to point the queue server at it), then one line per
 * `POST /dossiers` with its key, status and outcome — never a body, which holds personal data.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  describeFaults,
  FaultsError,
  startProvincialMock,
  type ProvincialMockOptions,
} from './provincial-mock.js';

const HELP = `provincial-mock — giả lập hệ thống hồ sơ tỉnh / a stand-in for the provincial dossier system

Cách dùng / usage: npm run provincial-mock -- [flags]

  --host <addr>                  listen address (default 127.0.0.1)
  --port <n>                     port (default 8090; 0 = any free port)
  --token <secret>               require "Authorization: Bearer <secret>" on POST /dossiers
  --out <file.jsonl>             append each stored record; reloaded at start
  --error-rate <0..1>            answer 500/502/503 before storing
  --latency-ms <ms>              delay every reply
  --hang-rate <0..1>             hold the request --hang-ms, then close the socket without a reply
  --hang-ms <ms>                 (default 3000; above the client's timeout = a timeout, below = a reset)
  --drop-rate <0..1>             close the socket without a reply, before storing
  --outage <from-to>             503 on every POST between these seconds since start, e.g. 30-90
  --down                         start in an outage (503 until POST /_control {"down":false})
  --rate-limit-rate <0..1>       answer 429 with Retry-After
  --retry-after <s>              Retry-After seconds of a 429 (default 5)
  --fail-after-store-rate <0..1> store, then lose the reply (the retry gets 409)
  --fail-after-store-mode <m>    error (a 500, default) or drop (close the socket)
  --ready-after <s>              a received dossier's result is ready (status 9) this many seconds later
  --push-url <url>               push each status change to the center, e.g.
                                 http://127.0.0.1:8080/api/provincial/status
  --push-secret <secret>         the center's PROVINCIAL_PUSH_SECRET (signs each push)
  --seed <n>                     reproducible randomness
  --quiet                        no line per request
  -h, --help

At run time:
  curl -s localhost:8090/stats
  curl -s -X POST localhost:8090/_control -d '{"errorRate":0.3,"down":false}'
  curl -s -X POST localhost:8090/_control/reset
  curl -s localhost:8090/dossiers/000.00.12.H62-261207-0001
  curl -s -X POST localhost:8090/_control/dossiers/000.00.12.H62-261207-0001 -d '{"TrangThaiHoSo":9}'
  curl -s -X POST localhost:8090/_control/dossiers/000.00.12.H62-261207-0001 \
       -d '{"TrangThaiHoSo":5,"LyDo":"Bổ sung bản sao giấy khai sinh"}'`;

function fail(message: string): never {
  console.error(`provincial-mock: ${message}\n\n${HELP}`);
  process.exit(2);
}

function parse() {
  try {
    return parseArgs({
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        token: { type: 'string' },
        out: { type: 'string' },
        'error-rate': { type: 'string' },
        'latency-ms': { type: 'string' },
        'hang-rate': { type: 'string' },
        'hang-ms': { type: 'string' },
        'drop-rate': { type: 'string' },
        outage: { type: 'string' },
        down: { type: 'boolean' },
        'rate-limit-rate': { type: 'string' },
        'retry-after': { type: 'string' },
        'fail-after-store-rate': { type: 'string' },
        'fail-after-store-mode': { type: 'string' },
        'ready-after': { type: 'string' },
        'push-url': { type: 'string' },
        'push-secret': { type: 'string' },
        seed: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
}

/** A number flag (range checks are the library's, so the CLI and `/_control` agree). */
function num(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) fail(`--${flag} must be a number`);
  return n;
}

/** `30-90` → seconds since start [30, 90). */
function outage(value: string | undefined): Pick<ProvincialMockOptions, 'outageFrom' | 'outageTo'> {
  if (value === undefined) return {};
  const match = /^\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*$/.exec(value);
  if (!match) fail('--outage must be <from>-<to> in seconds since start, e.g. 30-90');
  return { outageFrom: Number(match[1]), outageTo: Number(match[2]) };
}

/** mulberry32: a small seeded generator, so a run with --seed misbehaves the same way every time. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const args = parse();
if (args.help) {
  console.log(HELP);
  process.exit(0);
}
const mode = args['fail-after-store-mode'];
if (mode !== undefined && mode !== 'error' && mode !== 'drop')
  fail('--fail-after-store-mode is error or drop');
const port = num(args.port, 'port') ?? 8090;
if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be an integer 0..65535');
const seed = num(args.seed, 'seed');
const readyAfter = num(args['ready-after'], 'ready-after');
if (readyAfter !== undefined && readyAfter < 0) fail('--ready-after is seconds, 0 or more');
const pushUrl = args['push-url'];
const pushSecret = args['push-secret'];
if ((pushUrl === undefined) !== (pushSecret === undefined)) fail('--push-url and --push-secret go together');
if (pushUrl !== undefined && !URL.canParse(pushUrl)) fail('--push-url must be a URL');

// Unset flags stay undefined: the library falls back to its defaults.
const options: ProvincialMockOptions = {
  host: args.host ?? '127.0.0.1',
  port,
  token: args.token,
  outFile: args.out === undefined ? undefined : resolve(args.out),
  errorRate: num(args['error-rate'], 'error-rate'),
  latencyMs: num(args['latency-ms'], 'latency-ms'),
  hangRate: num(args['hang-rate'], 'hang-rate'),
  hangMs: num(args['hang-ms'], 'hang-ms'),
  dropRate: num(args['drop-rate'], 'drop-rate'),
  ...outage(args.outage),
  down: args.down,
  rateLimitRate: num(args['rate-limit-rate'], 'rate-limit-rate'),
  retryAfterSeconds: num(args['retry-after'], 'retry-after'),
  failAfterStoreRate: num(args['fail-after-store-rate'], 'fail-after-store-rate'),
  failAfterStoreMode: mode,
  random: seed === undefined ? undefined : seeded(seed),
  readyAfterSeconds: readyAfter ?? null,
  ...(pushUrl !== undefined && pushSecret !== undefined
    ? { push: { url: pushUrl, secret: pushSecret } }
    : {}),
  onPush: args.quiet
    ? undefined
    : (e) => console.log(`push ${e.code} → ${e.status}: ${e.answer ?? 'no answer'}`),
  onEvent: args.quiet
    ? undefined
    : (e) => {
        if (e.path.startsWith('/_control') || !e.path.startsWith('/dossiers')) return;
        if (e.method === 'GET' && e.path === '/dossiers') return;
        const what = e.method === 'GET' ? 'status' : '';
        console.log(`${e.status ?? 'no reply'} ${e.outcome} ${what}${what ? ' ' : ''}${e.key ?? '(no key)'}`);
      },
};

const mock = await startProvincialMock(options).catch((e: unknown) => {
  if (e instanceof FaultsError) return fail(e.message);
  const code = (e as { code?: unknown }).code;
  if (code === 'EADDRINUSE') return fail(`port ${port} is in use (cổng đang bận); try --port 0`);
  return fail(e instanceof Error ? e.message : String(e));
});

const env =
  `ALLOW_HTTP_UPSTREAM=true PROVINCIAL_URL=${mock.url}` +
  `${args.token === undefined ? '' : ' PROVINCIAL_TOKEN=<token>'}` +
  `${pushSecret === undefined ? '' : ' PROVINCIAL_PUSH_SECRET=<push secret>'}`;
const readyLine = readyAfter === undefined ? '' : ` · kết quả sau/ready after ${readyAfter} s`;
const pushLine = pushUrl === undefined ? '' : ` · đẩy trạng thái tới/pushing statuses to ${pushUrl}`;
const saved = options.outFile ? ` · lưu/saving to ${options.outFile} (${mock.reloaded} reloaded)` : '';
console.log(
  `Hệ thống tỉnh giả lập / provincial mock at ${mock.url} · lỗi/faults: ${describeFaults(mock.faults())}${saved}${readyLine}${pushLine}` +
    ` · chạy máy chủ hàng đợi với / run the queue server with: ${env} npm start`,
);

// The ready timer runs on the clock: a dossier due is moved on (and pushed) within a second.
const sweeper = setInterval(() => mock.statuses.sweep(), 1000);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  clearInterval(sweeper);
  const { stored, duplicates, requests } = mock.stats();
  void mock.close().then(() => {
    console.log(`provincial mock stopped · requests=${requests} stored=${stored} duplicates=${duplicates}`);
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
