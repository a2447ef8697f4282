import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AGENCY_ID_PATTERN, AnnounceSettings, Dialect, NumberReading } from '@layso/protocol';
import { z } from 'zod';
import type { IssueRate } from './app/device-rate.js';
import { TrustProxySetting } from '@layso/server-kit';
import { assetPath } from './paths.js';
import { isAllowedUpstream } from './upstream-url.js';

const Port = z.coerce.number().int().min(0).max(65535);
const Bool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');

/** Every setting of the queue server: defaults → optional JSON file (CONFIG_FILE) → environment. */
export /** `tries/minutes`, e.g. `5/60m`: a number of wrong tries allowed in a sliding window. */
const lookupWindow = (fallback: string) =>
  z
    .string()
    .trim()
    .regex(/^[1-9]\d{0,3}\/[1-9]\d{0,4}m$/, 'tries per minutes, e.g. 5/60m')
    .default(fallback)
    .transform((v) => {
      const [max, minutes] = v.slice(0, -1).split('/').map(Number) as [number, number];
      return { max, windowMs: minutes * 60_000 };
    });

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: Port.default(8080),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Base URL printed on tickets (QR) and in demo credentials; default http://127.0.0.1:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  CENTER_NAME: z.string().min(1).default('Trung tâm Phục vụ hành chính công tỉnh Vĩnh Long'),
  /**
   * The receiving agency's identifier (`xxx.yy.zz.Hnn`, e.g. 000.00.12.H62). When set, a dossier received without a
   * typed code gets the next `{AGENCY_ID}-{yymmdd}-{NNNN}` of the Vietnam day; unset, officers type or scan the code.
   */
  AGENCY_ID: z
    .string()
    .transform((s) => s.trim().toUpperCase())
    .pipe(z.string().regex(AGENCY_ID_PATTERN, 'agency identifier: xxx.yy.zz.Hnn, e.g. 000.00.12.H62'))
    .optional(),
  /** Where counters print the Mẫu 01 receipt slip (tcp://host:port, /dev/usb/lp0, serial://…); demo: the virtual printer. */
  RECEIPT_PRINTER_URL: z.string().min(1).optional(),
  /** Demo mode: a virtual ESC/POS printer on this port that the demo kiosk prints to. */
  PRINTER_PORT: Port.default(9100),
  /** Demo mode: the notice stand-in (SMS, ZNS, push) started in-process on this port; booking codes arrive there. */
  NOTIFY_MOCK_PORT: Port.default(8099),
  /** Where server-side printing goes (tcp://host:port); in demo mode the virtual printer. */
  PRINTER_URL: z.string().optional(),
  /** While the kiosk printer cannot print: `screen` shows numbers on screen only, `stop` issues none. */
  PRINTER_FAULT_MODE: z.enum(['screen', 'stop']).default('screen'),
  /** Seconds between printer status checks (DLE EOT), so kiosks know of a fault before a citizen taps. */
  PRINTER_POLL_SECONDS: z.coerce.number().min(1).max(3600).default(10),
  /** Seconds without a touch before a kiosk returns to its welcome screen and forgets what was typed. */
  KIOSK_IDLE_SECONDS: z.coerce.number().int().min(10).max(600).default(60),
  /**
   * How fast one kiosk may issue: `10/3s` = 10 tickets at once (a queue of people), then one every 3 s; beyond it
   * the kiosk is refused (429) and the floor shows an alert. `off` for load tests only.
   */
  KIOSK_ISSUE_RATE: z
    .string()
    .trim()
    .regex(/^(off|[1-9]\d{0,3}\/\d{1,4}(\.\d+)?s)$/, 'a burst and a pace, e.g. 10/3s, or off')
    .default('10/3s')
    .transform((v): IssueRate | null => {
      const m = /^(\d+)\/([\d.]+)s$/.exec(v);
      return m ? { burst: Number(m[1]), everySeconds: Math.max(0.001, Number(m[2])) } : null;
    }),
  /**
   * Wrong dossier lookups allowed (kiosk "Nhận kết quả", the phone's /h/ page), `tries/minutes`: per code (the 4
   * digits cannot be guessed) and per kiosk or address (codes cannot be swept). Beyond it 429 until the window ends.
   */
  LOOKUP_WRONG_PER_CODE: lookupWindow('5/60m'),
  LOOKUP_WRONG_PER_SOURCE: lookupWindow('20/10m'),
  /** The phone page's actions (on my way, leave, notices off) allowed per address in a sliding window; beyond it 429. */
  PHONE_ACTIONS_PER_SOURCE: lookupWindow('600/10m'),
  PHONE_ACTIONS_PER_TICKET: lookupWindow('20/10m'),
  /** Booking (issue 21), `tries/minutes`: one-time codes sent per phone, per CCCD number and per address. */
  BOOKING_OTP_PER_PHONE: lookupWindow('3/30m'),
  BOOKING_OTP_PER_CCCD: lookupWindow('5/30m'),
  BOOKING_OTP_PER_SOURCE: lookupWindow('30/10m'),
  /** Wrong one-time codes per address, and per phone or CCCD number; beyond it 429 (LAYSO_BOOKING_LIMIT). */
  BOOKING_WRONG_PER_SOURCE: lookupWindow('20/10m'),
  BOOKING_WRONG_PER_PERSON: lookupWindow('10/30m'),
  /** Unknown booking codes (and invalid proofs) per address: a booking's code cannot be swept. */
  BOOKING_LOOKUP_PER_SOURCE: lookupWindow('30/10m'),
  /** The lobby's announcement: `{number}` and `{counter}` are read out in Vietnamese words. */
  ANNOUNCE_TEMPLATE: AnnounceSettings.shape.template.default(
    'Xin mời công dân có số thứ tự {number} đến quầy số {counter}',
  ),
  /** `digits` reads 1005 as "một không không năm"; `whole` as "một nghìn không trăm linh năm". */
  ANNOUNCE_READING: NumberReading.default('digits'),
  /** Number words of the north (linh, nghìn) or the south (lẻ, ngàn). */
  ANNOUNCE_DIALECT: Dialect.default('south'),
  /** Times the sentence is said again after the first (0–2). */
  ANNOUNCE_REPEAT: z.coerce.number().int().min(0).max(2).default(1),
  /** A center's own recordings (manifest.json + clips, same phrases as the default pack), served at /voice-pack/. */
  VOICE_PACK_DIR: z.string().min(1).optional(),
  /** The scrolling notice at the bottom of lobby displays. */
  DISPLAY_NOTICE: z
    .string()
    .max(500)
    .default('Vui lòng giữ phiếu số thứ tự và theo dõi màn hình. Xin cảm ơn!'),
  /** Seconds the counter-top screen asks the citizen to rate the service. */
  RATING_SECONDS: z.coerce.number().int().min(5).max(300).default(30),
  /** Folder of the built web apps (`npm run build:web`); default: dist/web at the repository root. */
  WEB_DIR: z.string().min(1).optional(),
  PROVINCIAL_URL: z.string().url().optional(),
  /** The province hub this site sends its facts to (issue 20); with HUB_SITE_KEY, the site is joined. */
  HUB_URL: z.string().url().optional(),
  /** The site key the hub's admin issued: `<site code>.<secret>` (secret: masked at start). */
  HUB_SITE_KEY: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}\.\S{16,}$/, 'a site key as the hub issued it: <site code>.<secret>')
    .optional(),
  /** How often a joined site pulls the province's catalogue and settings (with ETag; also on the admin's demand). */
  HUB_CATALOGUE_PULL_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Plain http upstreams (PROVINCIAL_URL, HUB_URL) for labs and tests (the stand-ins); a warning at start. */
  ALLOW_HTTP_UPSTREAM: Bool.default(false),
  /**
   * The reverse proxies whose `X-Forwarded-For` names the real client: addresses or CIDRs, comma-separated
   * (`127.0.0.1`, `10.0.0.0/8`). Empty: nobody's; the connection's own address is the client.
   */
  TRUST_PROXY: TrustProxySetting,
  /** PEM files of the server's own certificate and key: HTTPS without a proxy (read again on SIGHUP). */
  TLS_CERT: z.string().min(1).optional(),
  TLS_KEY: z.string().min(1).optional(),
  PROVINCIAL_TOKEN: z.string().optional(),
  /** Seconds one delivery may take before it counts as failed (and is retried). */
  PROVINCIAL_TIMEOUT_SECONDS: z.coerce.number().min(1).max(300).default(10),
  /**
   * Longest wait between probes while the province fails (full jitter below it). It is also the longest a
   * recovered province waits for our records, so it bounds the delivery delay after an outage.
   */
  PROVINCIAL_BACKOFF_MAX_SECONDS: z.coerce.number().min(1).max(3600).default(8),
  /** Failures of one record while the province answers others before it becomes a dead letter. */
  PROVINCIAL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(20),
  /**
   * The secret the province signs status pushes with (`POST /api/provincial/status`, HMAC-SHA256); unset, pushes
   * are refused (503) and the center only pulls.
   */
  PROVINCIAL_PUSH_SECRET: z.string().min(16).optional(),
  /** Requests a second, at most, of the background refresh of due dossiers' statuses. */
  PROVINCIAL_STATUS_RATE: z.coerce.number().min(0.1).max(1000).default(5),
  /** A dossier's status learnt this many minutes ago is refreshed again in the background. */
  PROVINCIAL_STATUS_STALE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  /** The contact push services see in the VAPID token (`mailto:` or `https:`); Apple refuses a localhost one. */
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/)\S+$/)
    .default('mailto:admin@layso.invalid'),
  /** One notice attempt's budget (push service, ZNS, SMS gateway). */
  NOTICES_TIMEOUT_SECONDS: z.coerce.number().min(1).max(120).default(10),
  /** Bearer token that may read `/metrics` from another machine (localhost may always read it). */
  METRICS_TOKEN: z.string().min(16).optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  /** Distinct usernames failing from one address in the window before that address is refused (spraying). */
  LOGIN_MAX_USERNAMES: z.coerce.number().int().positive().default(10),
  LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  /** Sign-ins waiting for the password hasher before the next is refused at once (429), nothing hashed. */
  LOGIN_HASH_QUEUE: z.coerce.number().int().min(1).max(10_000).default(64),
  /** Failed sign-ins in one minute, server-wide, above which the floor monitor shows an alert. */
  LOGIN_SURGE_PER_MINUTE: z.coerce.number().int().positive().default(50),
  MAX_PRIORITY_IN_ROW: z.coerce.number().int().min(1).max(20).default(2),
  RECALL_LIMIT: z.coerce.number().int().min(0).max(20).default(3),
  DEFAULT_SERVICE_MINUTES: z.coerce.number().positive().max(240).default(8),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(365).default(7),
  /** Hour (0–23, Vietnam time) of the daily backup. */
  BACKUP_HOUR: z.coerce.number().int().min(0).max(23).default(12),
  /** Days a ticket's personal intake (name, phone, ID) is kept (Decree 13/2023); undelivered dossiers wait. */
  INTAKE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Below this much free space in DATA_DIR, /api/health answers 503 and the floor shows an alert. */
  DISK_MIN_FREE_MB: z.coerce.number().min(0).max(1_000_000).default(200),
  /** Skip demo seeding even on an empty DATA_DIR (production never seeds). */
  NO_DEMO: Bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type Config = Readonly<z.infer<typeof ConfigSchema>> & {
  readonly publicUrl: string;
  readonly dbFile: string;
  readonly webDir: string;
};

const SECRET = /TOKEN|PASSWORD|SECRET|SITE_KEY/;

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Record<string, unknown>> = {},
): Config {
  const fromFile = env.CONFIG_FILE
    ? (JSON.parse(readFileSync(env.CONFIG_FILE, 'utf8')) as Record<string, unknown>)
    : {};
  const fromEnv = Object.fromEntries(
    Object.keys(ConfigSchema.shape)
      .filter((k) => env[k] !== undefined && env[k] !== '')
      .map((k) => [k, env[k]]),
  );
  const parsed = ConfigSchema.safeParse({ ...fromFile, ...fromEnv, ...overrides });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Cấu hình không hợp lệ / Invalid configuration:\n${lines}`);
  }
  const c = parsed.data;
  const wrong = [
    ...(Boolean(c.TLS_CERT) !== Boolean(c.TLS_KEY)
      ? ['  TLS_CERT, TLS_KEY: cần cả hai / both or neither']
      : []),
    ...(c.PROVINCIAL_URL !== undefined && !isAllowedUpstream(c.PROVINCIAL_URL, c.ALLOW_HTTP_UPSTREAM)
      ? [
          '  PROVINCIAL_URL: phải là https (dữ liệu cá nhân và mã truy cập); http chỉ để thử trên máy này, với ALLOW_HTTP_UPSTREAM=true / ' +
            'must be https (personal data and a token); plain http only for a lab on this machine, with ALLOW_HTTP_UPSTREAM=true',
        ]
      : []),
    ...(Boolean(c.HUB_URL) !== Boolean(c.HUB_SITE_KEY)
      ? ['  HUB_URL, HUB_SITE_KEY: cần cả hai để nối với trung tâm tỉnh / both or neither']
      : []),
    ...(c.HUB_URL !== undefined && !isAllowedUpstream(c.HUB_URL, c.ALLOW_HTTP_UPSTREAM)
      ? [
          '  HUB_URL: phải là https (mã khóa của điểm); http chỉ để thử trên máy này, với ALLOW_HTTP_UPSTREAM=true / ' +
            'must be https (the site key); plain http only for a lab on this machine, with ALLOW_HTTP_UPSTREAM=true',
        ]
      : []),
  ];
  if (wrong.length > 0)
    throw new Error(`Cấu hình không hợp lệ / Invalid configuration:\n${wrong.join('\n')}`);
  // A relative DATA_DIR is where the user typed the command: npm runs workspace scripts in the workspace's folder
  // but says where it was invoked (INIT_CWD), so `npm start` at the repository root keeps its data in ./data there.
  const dataDir = resolve(env.INIT_CWD || process.cwd(), c.DATA_DIR);
  return Object.freeze({
    ...c,
    DATA_DIR: dataDir,
    dbFile: resolve(dataDir, 'queue.db'),
    webDir: c.WEB_DIR ? resolve(c.WEB_DIR) : assetPath('../../dist/web'),
    publicUrl: (c.PUBLIC_URL ?? `${c.TLS_CERT ? 'https' : 'http'}://127.0.0.1:${c.PORT}`).replace(/\/$/, ''),
  });
}

/** The configuration as printed at start: secrets masked. */
export function describeConfig(c: Config): Record<string, unknown> {
  return Object.fromEntries(Object.entries(c).map(([k, v]) => [k, SECRET.test(k) && v ? '***' : v]));
}
