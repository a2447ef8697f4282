import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport } from '@layso/printer-drivers';
import { z } from 'zod';

/**
 * The kiosk's one config module (CONVENTIONS 7): defaults → optional JSON file → environment, parsed by zod,
 * frozen, and printed at start with the device token masked.
 *
 * File: `$KIOSK_CONFIG`, else `<userData>/kiosk.json` (optional when not named explicitly).
 * Environment (each overrides the file):
 * - `KIOSK_SERVER_URL`     http(s) URL of the queue server (the renderer is `${serverUrl}/kiosk`)
 * - `KIOSK_DEVICE_TOKEN`   the kiosk's device token
 * - `KIOSK_PRINTER_URL`    `server` (the server prints) or a printer URL: `tcp://host[:port]`, `/dev/usb/lp0`,
 *                          `file:///dev/usb/lp0`, `serial:///dev/ttyUSB0?baud=115200` (a local printer)
 * - `KIOSK_PRINTER_WIDTH`  576 | 512 | 384 dots (local printer only)
 * - `KIOSK_SCANNER`        `none`, `keyboard`, or `hid:VVVV:PPPP[:hid-pos|:keyboard]` (hex USB ids)
 * - `KIOSK_LANGUAGE`       `vi` | `en`
 * - `KIOSK_IDLE_SECONDS`   10–600
 * - `KIOSK_CENTER_NAME`    printed at the top of local tickets
 * - `KIOSK_SCREEN`         `kiosk` (the default) or `counter-top:<counterId>`: the shell shows a counter's
 *                          rating screen instead (`${serverUrl}/counter-top/<counterId>`)
 * - `KIOSK_RATING_KEYPAD`  `none` or `hid:VVVV:PPPP`: a USB rating keypad whose keys 1–3 reach the page
 */

const HEX_ID = /^(0x)?[0-9a-f]{1,4}$/i;

/** A USB vendor/product id: a number, or hex as `0c2e` / `0x0c2e` (how `lsusb` prints them). */
const UsbId = z.union(
  [
    z.number().int().min(0).max(0xffff),
    z
      .string()
      .regex(HEX_ID)
      .transform((s) => Number.parseInt(s.replace(/^0x/i, ''), 16)),
  ],
  { error: 'mã USB 0–0xffff (số hoặc hex "0c2e") / a USB id 0–0xffff (number or hex "0c2e")' },
);

const ServerUrl = z
  .string({ error: 'bắt buộc / required' })
  .trim()
  .transform((s, ctx) => {
    let u: URL | null = null;
    try {
      u = new URL(s);
    } catch {
      // reported below
    }
    if (
      !u ||
      (u.protocol !== 'http:' && u.protocol !== 'https:') ||
      !u.hostname ||
      u.username ||
      u.password
    ) {
      ctx.addIssue({
        code: 'custom',
        message: `cần địa chỉ http(s) của máy chủ, ví dụ http://10.0.0.2:8080 / must be the queue server's http(s) URL, e.g. http://10.0.0.2:8080 (got "${s}")`,
      });
      return z.NEVER;
    }
    if (u.search || u.hash) {
      ctx.addIssue({
        code: 'custom',
        message: 'không được có ?… hoặc #… / must not carry a query or fragment',
      });
      return z.NEVER;
    }
    return u.origin + u.pathname.replace(/\/+$/, '');
  });

/** Accepted exactly when printer-drivers' createTransport accepts it (constructing a transport does no I/O). */
const PrinterUrl = z
  .string()
  .trim()
  .min(1)
  .refine(
    (url) => {
      try {
        createTransport(url);
        return true;
      } catch {
        return false;
      }
    },
    {
      message:
        'địa chỉ máy in không hợp lệ (tcp://host:9100, /dev/usb/lp0, serial:///dev/ttyUSB0?baud=115200) / ' +
        'not a printer URL (tcp://host:9100, /dev/usb/lp0, serial:///dev/ttyUSB0?baud=115200)',
    },
  );

const PaperWidth = z.union([z.literal(576), z.literal(512), z.literal(384)], {
  error: 'khổ in 576, 512 hoặc 384 điểm / paper width must be 576, 512 or 384 dots',
});

const PrinterConfig = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('server') }),
    z.strictObject({ kind: z.literal('local'), url: PrinterUrl, width: PaperWidth.default(576) }),
  ],
  { error: 'kind phải là "server" hoặc "local" / kind must be "server" or "local"' },
);

const ScannerConfig = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('none') }),
    /** Keyboard-wedge scanner: read in the page; main does nothing. */
    z.strictObject({ kind: z.literal('keyboard') }),
    z.strictObject({
      kind: z.literal('hid'),
      vendorId: UsbId,
      productId: UsbId,
      /** `hid-pos` (raw HID POS reports, the recommended scanner mode) or `keyboard` (boot-keyboard reports). */
      mode: z.enum(['hid-pos', 'keyboard']).default('hid-pos'),
      usagePage: UsbId.optional(),
      serialNumber: z.string().min(1).optional(),
    }),
  ],
  { error: 'kind phải là "none", "keyboard" hoặc "hid" / kind must be "none", "keyboard" or "hid"' },
);

/** Which of the server's screens the shell shows: the kiosk, or a counter's counter-top rating screen. */
const ScreenConfig = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('kiosk') }),
    z.strictObject({ kind: z.literal('counter-top'), counterId: z.number().int().positive() }),
  ],
  { error: 'kind phải là "kiosk" hoặc "counter-top" / kind must be "kiosk" or "counter-top"' },
);

/** A USB rating keypad read in main (HID keyboard reports); its keys 1–3 are typed into the page. */
const RatingKeypadConfig = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('none') }),
    z.strictObject({
      kind: z.literal('hid'),
      vendorId: UsbId,
      productId: UsbId,
      usagePage: UsbId.optional(),
      serialNumber: z.string().min(1).optional(),
    }),
  ],
  { error: 'kind phải là "none" hoặc "hid" / kind must be "none" or "hid"' },
);

export const KioskConfigSchema = z.strictObject({
  serverUrl: ServerUrl,
  /** Empty: the kiosk is not paired yet (the page says how to pair it). */
  deviceToken: z.string().trim().max(512),
  printer: PrinterConfig,
  scanner: ScannerConfig,
  language: z.enum(['vi', 'en'], { error: 'ngôn ngữ "vi" hoặc "en" / language must be "vi" or "en"' }),
  idleSeconds: z
    .number({ error: 'cần một số / must be a number' })
    .int()
    .min(10, { error: 'từ 10 đến 600 giây / 10 to 600 seconds' })
    .max(600, { error: 'từ 10 đến 600 giây / 10 to 600 seconds' }),
  centerName: z.string().trim().min(1).max(200),
  screen: ScreenConfig,
  ratingKeypad: RatingKeypadConfig,
});

type Parsed = z.output<typeof KioskConfigSchema>;
type DeepReadonly<T> = T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

export type KioskConfig = DeepReadonly<Parsed> & {
  /** Origin of serverUrl (`http://10.0.0.2:8080`): the only origin the window may show or talk to. */
  readonly serverOrigin: string;
  /** The file the settings came from, or null when none was read. */
  readonly configFile: string | null;
};
export type PrinterSettings = KioskConfig['printer'];
export type ScannerSettings = KioskConfig['scanner'];
export type ScreenSettings = KioskConfig['screen'];
export type RatingKeypadSettings = KioskConfig['ratingKeypad'];

export const CONFIG_DEFAULTS = {
  deviceToken: '',
  printer: { kind: 'server' },
  scanner: { kind: 'none' },
  language: 'vi',
  idleSeconds: 60,
  centerName: 'Trung tâm Phục vụ Hành chính công',
  screen: { kind: 'kiosk' },
  ratingKeypad: { kind: 'none' },
} as const;

/** A config that cannot be used; `message` is Vietnamese then English, one line per problem. */
export class ConfigError extends Error {
  readonly issues: readonly string[];

  constructor(summary: string, issues: readonly string[] = []) {
    super(issues.length ? `${summary}\n${issues.map((i) => `  - ${i}`).join('\n')}` : summary);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

export interface LoadConfigOptions {
  env?: Readonly<Record<string, string | undefined>>;
  /** Electron's `app.getPath('userData')`: where `kiosk.json` lives when KIOSK_CONFIG is not set. */
  userDataDir: string;
}

const TITLE = 'Cấu hình kiosk không hợp lệ / Invalid kiosk configuration';

export function loadConfig(options: LoadConfigOptions): KioskConfig {
  const env = options.env ?? process.env;
  const explicit = nonEmpty(env.KIOSK_CONFIG);
  const path = explicit ?? join(options.userDataDir, 'kiosk.json');
  const file = readConfigFile(path, explicit !== undefined);

  const merged: Record<string, unknown> = { ...CONFIG_DEFAULTS, ...(file ?? {}), ...fromEnv(env) };
  const width = nonEmpty(env.KIOSK_PRINTER_WIDTH);
  if (width !== undefined) {
    const printer = merged.printer;
    merged.printer = { ...(isRecord(printer) ? printer : {}), width: numeric(width) };
  }

  const parsed = KioskConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const where = file ? ` (${path})` : '';
    throw new ConfigError(
      `${TITLE}${where}`,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  return deepFreeze({
    ...parsed.data,
    serverOrigin: new URL(parsed.data.serverUrl).origin,
    configFile: file ? path : null,
  }) as KioskConfig;
}

/** The config as printed at start: every field, the device token masked. */
export function describeConfig(c: KioskConfig): string {
  const token = c.deviceToken ? '***' : '(chưa ghép / not paired)';
  return JSON.stringify({ ...c, deviceToken: token });
}

function readConfigFile(path: string, required: boolean): Record<string, unknown> | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && !required) return null;
    throw new ConfigError(
      `${TITLE}: không đọc được tệp cấu hình / cannot read the config file ${path}: ${(e as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError(
      `${TITLE}: tệp cấu hình không phải JSON hợp lệ / the config file is not valid JSON: ${path}: ${(e as Error).message}`,
    );
  }
  if (!isRecord(json)) {
    throw new ConfigError(
      `${TITLE}: tệp cấu hình phải là một đối tượng JSON {…} / the config file must hold a JSON object: ${path}`,
    );
  }
  return json;
}

function fromEnv(env: Readonly<Record<string, string | undefined>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const set = (key: string, name: string, map: (v: string) => unknown = (v) => v): void => {
    const v = nonEmpty(env[name]);
    if (v !== undefined) out[key] = map(v);
  };
  set('serverUrl', 'KIOSK_SERVER_URL');
  set('deviceToken', 'KIOSK_DEVICE_TOKEN');
  set('printer', 'KIOSK_PRINTER_URL', (v) =>
    v === 'server' ? { kind: 'server' } : { kind: 'local', url: v },
  );
  set('scanner', 'KIOSK_SCANNER', scannerFromEnv);
  set('language', 'KIOSK_LANGUAGE');
  set('idleSeconds', 'KIOSK_IDLE_SECONDS', numeric);
  set('centerName', 'KIOSK_CENTER_NAME');
  set('screen', 'KIOSK_SCREEN', (v) => {
    const [kind, id] = v.split(':');
    return kind === 'counter-top' ? { kind, counterId: numeric(id ?? '') } : { kind };
  });
  set('ratingKeypad', 'KIOSK_RATING_KEYPAD', (v) => {
    const [kind, vendorId, productId] = v.split(':');
    return kind === 'hid' ? { kind, vendorId, productId } : { kind };
  });
  return out;
}

/** `none`, `keyboard`, `hid:0c2e:0b61`, `hid:0c2e:0b61:keyboard`; anything else is left for zod to refuse. */
function scannerFromEnv(v: string): unknown {
  const [kind, vendorId, productId, mode, ...rest] = v.split(':');
  if (kind !== 'hid') return { kind };
  if (rest.length > 0) return { kind, vendorId, productId, mode: rest.join(':') };
  return mode === undefined ? { kind, vendorId, productId } : { kind, vendorId, productId, mode };
}

function numeric(v: string): number | string {
  return /^\d+$/.test(v) ? Number(v) : v;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepFreeze<T>(o: T): T {
  if (typeof o === 'object' && o !== null) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
