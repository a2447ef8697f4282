import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig } from './config.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: unknown): string => {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};

const load = (env: Record<string, string>) => loadConfig({ env, userDataDir: dir });

/** The error a bad config throws (the test fails if it does not throw a ConfigError). */
function failure(env: Record<string, string>): ConfigError {
  try {
    load(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('needs only the server URL; everything else has a default', () => {
    const c = load({ KIOSK_SERVER_URL: 'http://10.0.0.2:8080/' });
    expect(c).toEqual({
      serverUrl: 'http://10.0.0.2:8080',
      serverOrigin: 'http://10.0.0.2:8080',
      deviceToken: '',
      printer: { kind: 'server' },
      scanner: { kind: 'none' },
      language: 'vi',
      idleSeconds: 60,
      centerName: 'Trung tâm Phục vụ Hành chính công',
      screen: { kind: 'kiosk' },
      ratingKeypad: { kind: 'none' },
      configFile: null,
    });
  });

  it('shows a counter-top rating screen with its USB keypad when told to', () => {
    const base = { KIOSK_SERVER_URL: 'http://127.0.0.1:8080' };
    const c = load({ ...base, KIOSK_SCREEN: 'counter-top:4', KIOSK_RATING_KEYPAD: 'hid:1eab:0003' });
    expect(c.screen).toEqual({ kind: 'counter-top', counterId: 4 });
    expect(c.ratingKeypad).toEqual({ kind: 'hid', vendorId: 0x1eab, productId: 0x0003 });
    expect(failure({ ...base, KIOSK_SCREEN: 'counter-top:bốn' }).issues.join()).toMatch(/screen/);
    expect(failure({ ...base, KIOSK_SCREEN: 'lobby' }).issues.join()).toMatch(/kiosk.*counter-top/);
    expect(failure({ ...base, KIOSK_RATING_KEYPAD: 'hid:zz:1' }).issues.join()).toMatch(/ratingKeypad/);
  });

  it('reads <userData>/kiosk.json, and the environment overrides it field by field', () => {
    file('kiosk.json', {
      serverUrl: 'http://file.example:8080',
      deviceToken: 'file-token',
      language: 'en',
      idleSeconds: 90,
      printer: { kind: 'local', url: 'tcp://10.0.0.21:9100', width: 512 },
      scanner: { kind: 'hid', vendorId: '0x0c2e', productId: 2913 },
      centerName: 'Trung tâm Phục vụ Hành chính công tỉnh Vĩnh Long',
    });
    const fromFile = load({});
    expect(fromFile.configFile).toBe(join(dir, 'kiosk.json'));
    expect(fromFile.printer).toEqual({ kind: 'local', url: 'tcp://10.0.0.21:9100', width: 512 });
    expect(fromFile.scanner).toEqual({ kind: 'hid', vendorId: 0x0c2e, productId: 2913, mode: 'hid-pos' });

    const c = load({
      KIOSK_SERVER_URL: 'https://queue.example.gov.vn',
      KIOSK_DEVICE_TOKEN: 'env-token',
      KIOSK_IDLE_SECONDS: '120',
      KIOSK_PRINTER_WIDTH: '384',
    });
    expect(c.serverUrl).toBe('https://queue.example.gov.vn');
    expect(c.serverOrigin).toBe('https://queue.example.gov.vn');
    expect(c.deviceToken).toBe('env-token');
    expect(c.idleSeconds).toBe(120);
    expect(c.language).toBe('en'); // not in env: the file's value stays
    expect(c.printer).toEqual({ kind: 'local', url: 'tcp://10.0.0.21:9100', width: 384 });
  });

  it('takes the file from KIOSK_CONFIG, and a named file that is missing is an error', () => {
    const p = file('elsewhere.json', { serverUrl: 'http://127.0.0.1:8080', language: 'en' });
    expect(load({ KIOSK_CONFIG: p }).language).toBe('en');
    const e = failure({ KIOSK_CONFIG: join(dir, 'missing.json'), KIOSK_SERVER_URL: 'http://127.0.0.1:8080' });
    expect(e.message).toContain('không đọc được tệp cấu hình / cannot read the config file');
  });

  it('accepts the example config the package installs', () => {
    const example = fileURLToPath(new URL('../../packaging/kiosk.example.json', import.meta.url));
    const c = load({ KIOSK_CONFIG: example });
    expect(c.printer).toEqual({ kind: 'local', url: '/dev/usb/lp0', width: 576 });
    expect(c.scanner).toMatchObject({ kind: 'hid', vendorId: 0x0c2e, productId: 0x0b61 });
  });

  it('maps the printer and scanner variables', () => {
    const base = { KIOSK_SERVER_URL: 'http://127.0.0.1:8080' };
    expect(load({ ...base, KIOSK_PRINTER_URL: '/dev/usb/lp0' }).printer).toEqual({
      kind: 'local',
      url: '/dev/usb/lp0',
      width: 576,
    });
    expect(
      load({ ...base, KIOSK_PRINTER_URL: 'serial:///dev/ttyUSB0?baud=9600', KIOSK_PRINTER_WIDTH: '384' })
        .printer,
    ).toEqual({ kind: 'local', url: 'serial:///dev/ttyUSB0?baud=9600', width: 384 });
    expect(load({ ...base, KIOSK_PRINTER_URL: 'server' }).printer).toEqual({ kind: 'server' });
    expect(load({ ...base, KIOSK_SCANNER: 'hid:0c2e:0b61' }).scanner).toEqual({
      kind: 'hid',
      vendorId: 0x0c2e,
      productId: 0x0b61,
      mode: 'hid-pos',
    });
    expect(load({ ...base, KIOSK_SCANNER: 'hid:1eab:1d06:keyboard' }).scanner).toMatchObject({
      mode: 'keyboard',
    });
    expect(load({ ...base, KIOSK_SCANNER: 'keyboard' }).scanner).toEqual({ kind: 'keyboard' });
  });

  it('is frozen, nested objects included', () => {
    const c = load({ KIOSK_SERVER_URL: 'http://127.0.0.1:8080', KIOSK_PRINTER_URL: 'tcp://127.0.0.1' });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.printer)).toBe(true);
    expect(() => {
      (c as { idleSeconds: number }).idleSeconds = 5;
    }).toThrow(TypeError);
  });

  it('masks the device token when described', () => {
    const c = load({ KIOSK_SERVER_URL: 'http://127.0.0.1:8080', KIOSK_DEVICE_TOKEN: 'kiosk-secret-123' });
    const text = describeConfig(c);
    expect(text).not.toContain('kiosk-secret-123');
    expect(text).toContain('***');
    expect(text).toContain('http://127.0.0.1:8080');
    expect(describeConfig(load({ KIOSK_SERVER_URL: 'http://127.0.0.1:8080' }))).toContain('not paired');
  });
});

describe('invalid config', () => {
  it('refuses a missing or non-http server URL with a Vietnamese and English message', () => {
    const missing = failure({});
    expect(missing.message).toMatch(/^Cấu hình kiosk không hợp lệ \/ Invalid kiosk configuration/);
    expect(missing.issues.join('\n')).toContain('serverUrl: bắt buộc / required');
    for (const url of ['ftp://10.0.0.2', 'not a url', 'http://user:pw@10.0.0.2', 'http://10.0.0.2/?x=1']) {
      const e = failure({ KIOSK_SERVER_URL: url });
      expect(e.issues).toHaveLength(1);
      expect(e.issues[0]).toMatch(/^serverUrl: .+ \/ .+/);
    }
  });

  it('refuses out-of-range and unknown values, naming each field', () => {
    const base = { KIOSK_SERVER_URL: 'http://127.0.0.1:8080' };
    const cases: [Record<string, string>, string][] = [
      [{ KIOSK_IDLE_SECONDS: '5' }, 'idleSeconds: từ 10 đến 600 giây / 10 to 600 seconds'],
      [{ KIOSK_IDLE_SECONDS: '601' }, 'idleSeconds: từ 10 đến 600 giây / 10 to 600 seconds'],
      [{ KIOSK_IDLE_SECONDS: 'soon' }, 'idleSeconds: cần một số / must be a number'],
      [{ KIOSK_LANGUAGE: 'fr' }, 'language: ngôn ngữ "vi" hoặc "en" / language must be "vi" or "en"'],
      [{ KIOSK_PRINTER_URL: 'lpt1' }, 'printer.url: địa chỉ máy in không hợp lệ'],
      [{ KIOSK_PRINTER_URL: 'http://10.0.0.5' }, 'printer.url: địa chỉ máy in không hợp lệ'],
      [{ KIOSK_PRINTER_URL: 'tcp://10.0.0.5', KIOSK_PRINTER_WIDTH: '600' }, 'printer.width: khổ in'],
      [{ KIOSK_SCANNER: 'camera' }, 'scanner.kind: kind phải là'],
      [{ KIOSK_SCANNER: 'hid:zz:0b61' }, 'scanner.vendorId: mã USB'],
      [{ KIOSK_SCANNER: 'hid' }, 'scanner.vendorId'],
    ];
    for (const [env, expected] of cases) {
      expect(failure({ ...base, ...env }).issues.join('\n')).toContain(expected);
    }
  });

  it('refuses unknown keys, bad JSON and a non-object file, naming the file', () => {
    const typo = file('kiosk.json', { serverUrl: 'http://127.0.0.1:8080', idleSecond: 30 });
    const e = failure({});
    expect(e.message).toContain(typo);
    expect(e.issues.join('\n')).toContain('idleSecond');

    file('kiosk.json', '{ "serverUrl": ');
    expect(failure({}).message).toContain('không phải JSON hợp lệ / the config file is not valid JSON');
    file('kiosk.json', '[1, 2]');
    expect(failure({}).message).toContain('phải là một đối tượng JSON');
  });

  it('refuses a server printer with a width, and a local printer without a URL', () => {
    file('kiosk.json', { serverUrl: 'http://127.0.0.1:8080', printer: { kind: 'local' } });
    expect(failure({}).issues.join('\n')).toContain('printer.url');
    expect(failure({ KIOSK_PRINTER_URL: 'server', KIOSK_PRINTER_WIDTH: '576' }).issues.join('\n')).toContain(
      'width',
    );
  });
});
