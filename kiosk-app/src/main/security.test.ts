import type { App, BrowserWindow, Input } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  CRASH_BACKOFF_MS,
  claimSingleInstance,
  contentSecurityPolicy,
  hardenApp,
  installSecurity,
  isBlockedShortcut,
  isServerUrl,
} from './security.js';
import {
  FakeApp,
  FakeBrowserWindow,
  FakeWebContents,
  fakeEvent,
  manualScheduler,
} from './testing/fake-electron.js';

const ORIGIN = 'http://10.0.0.2:8080';

function setup(options: { dev?: boolean } = {}) {
  const win = new FakeBrowserWindow();
  const clock = manualScheduler();
  let now = 1_000_000;
  const logs: string[] = [];
  installSecurity(win as unknown as BrowserWindow, {
    serverOrigin: ORIGIN,
    dev: options.dev ?? false,
    unresponsiveGraceMs: 15_000,
    schedule: clock.schedule,
    cancel: clock.cancel,
    now: () => now,
    log: (m) => logs.push(m),
  });
  const wc = win.webContents;
  const key = (k: Partial<Input> & { key: string }): boolean =>
    wc.emitPreventable('before-input-event', {
      type: 'keyDown',
      code: '',
      control: false,
      meta: false,
      alt: false,
      shift: false,
      ...k,
    });
  return { win, wc, clock, logs, key, advance: (ms: number) => (now += ms) };
}

describe('navigation', () => {
  it('stays on the server origin', () => {
    const { wc, logs } = setup();
    for (const url of [`${ORIGIN}/kiosk`, `${ORIGIN}/kiosk/services?x=1#top`, `${ORIGIN}/t/abc`]) {
      expect(wc.emitPreventable('will-navigate', url)).toBe(false);
      expect(wc.emitPreventable('will-redirect', url)).toBe(false);
    }
    for (const url of [
      'https://www.google.com/',
      'http://10.0.0.2:8081/kiosk', // another port
      'https://10.0.0.2:8080/kiosk', // another scheme
      'http://10.0.0.2:8080.evil.example/kiosk',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(wc.emitPreventable('will-navigate', url), url).toBe(true);
      expect(wc.emitPreventable('will-redirect', url), url).toBe(true);
    }
    expect(logs.some((l) => l.includes('navigation refused: https://www.google.com/'))).toBe(true);
  });

  it('applies to frames too, and attaches no webview', () => {
    const { wc } = setup();
    const frame = (url: string) => {
      const e = fakeEvent({ url });
      wc.emit('will-frame-navigate', e);
      return e.defaultPrevented;
    };
    expect(frame(`${ORIGIN}/kiosk`)).toBe(false);
    expect(frame('https://ads.example/')).toBe(true);
    expect(wc.emitPreventable('will-attach-webview', {}, {})).toBe(true);
  });

  it('denies every window.open', () => {
    const { wc } = setup();
    expect(wc.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(wc.openHandler?.({ url: `${ORIGIN}/kiosk` })).toEqual({ action: 'deny' });
  });

  it('compares whole origins', () => {
    expect(isServerUrl('http://10.0.0.2:8080/x', ORIGIN)).toBe(true);
    expect(isServerUrl('HTTP://10.0.0.2:8080/x', ORIGIN)).toBe(true);
    expect(isServerUrl('data:text/html,hi', ORIGIN)).toBe(false);
    expect(isServerUrl('', ORIGIN)).toBe(false);
  });

  it('guards any web contents the app creates', () => {
    const app = new FakeApp();
    hardenApp(app as unknown as App, ORIGIN, () => undefined);
    const other = new FakeWebContents();
    app.emit('web-contents-created', fakeEvent(), other);
    expect(other.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(other.emitPreventable('will-navigate', 'https://example.com/')).toBe(true);
  });
});

describe('session', () => {
  it('refuses every permission and download', () => {
    const { wc } = setup();
    const s = wc.session;
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'hid',
      'clipboard-read',
      'fullscreen',
    ]) {
      const cb = vi.fn();
      s.permissionRequest?.(wc, permission, cb, {});
      expect(cb).toHaveBeenCalledWith(false);
      expect(s.permissionCheck?.(wc, permission, ORIGIN, {})).toBe(false);
    }
    expect(s.devicePermission?.({ deviceType: 'hid', origin: ORIGIN })).toBe(false);
    const download = fakeEvent();
    s.emit('will-download', download, {}, wc);
    expect(download.defaultPrevented).toBe(true);
  });

  it('sends a strict CSP with every response', () => {
    const { wc } = setup();
    const headers = wc.session.respond(`${ORIGIN}/kiosk`, { 'Content-Type': ['text/html'] });
    expect(headers?.['Content-Type']).toEqual(['text/html']);
    const csp = headers?.['Content-Security-Policy']?.[0] ?? '';
    expect(csp).toBe(contentSecurityPolicy(ORIGIN));
    const directives = Object.fromEntries(
      csp.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['default-src']).toEqual(["'self'", ORIGIN]);
    expect(directives['script-src']).toEqual(["'self'", ORIGIN]);
    expect(directives['connect-src']).toEqual(["'self'", ORIGIN, 'ws://10.0.0.2:8080']);
    expect(directives['img-src']).toEqual(["'self'", ORIGIN, 'data:', 'blob:']);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toContain('*');
  });

  it('keeps a CSP the server sent (both are enforced) and uses wss for https', () => {
    const { wc } = setup();
    const headers = wc.session.respond(`${ORIGIN}/kiosk`, {
      'content-security-policy': ["default-src 'none'"],
    });
    expect(headers?.['content-security-policy']).toEqual([
      "default-src 'none'",
      contentSecurityPolicy(ORIGIN),
    ]);
    expect(Object.keys(headers ?? {})).toEqual(['content-security-policy']);
    expect(contentSecurityPolicy('https://queue.example.gov.vn')).toContain(
      "connect-src 'self' https://queue.example.gov.vn wss://queue.example.gov.vn",
    );
  });
});

describe('keyboard', () => {
  const blocked: [string, Partial<Input> & { key: string }][] = [
    ['F12', { key: 'F12' }],
    ['Ctrl+Shift+I', { key: 'I', control: true, shift: true }],
    ['Ctrl+Shift+J', { key: 'J', control: true, shift: true }],
    ['Ctrl+Shift+C', { key: 'C', control: true, shift: true }],
    ['Cmd+Alt+I', { key: 'i', meta: true, alt: true }],
    ['Ctrl+R', { key: 'r', control: true }],
    ['Ctrl+Shift+R', { key: 'R', control: true, shift: true }],
    ['F5', { key: 'F5' }],
    ['Ctrl+F5', { key: 'F5', control: true }],
    ['Ctrl+W', { key: 'w', control: true }],
    ['Ctrl+F4', { key: 'F4', control: true }],
    ['Alt+F4', { key: 'F4', alt: true }],
    ['Ctrl+Q', { key: 'q', control: true }],
    ['Ctrl+N', { key: 'n', control: true }],
    ['Ctrl+P', { key: 'p', control: true }],
    ['Ctrl+U', { key: 'u', control: true }],
    ['Ctrl+S', { key: 's', control: true }],
    ['Ctrl++', { key: '+', control: true, shift: true }],
    ['Ctrl+-', { key: '-', control: true }],
    ['Ctrl+0', { key: '0', control: true }],
    ['F11', { key: 'F11' }],
    ['Alt+Left (back)', { key: 'ArrowLeft', alt: true }],
  ];
  const allowed: [string, Partial<Input> & { key: string }][] = [
    ['a', { key: 'a' }],
    ['Shift+A', { key: 'A', shift: true }],
    ['đ', { key: 'đ' }],
    ['digit', { key: '7' }],
    ['|', { key: '|', shift: true }],
    ['Enter', { key: 'Enter' }],
    ['Tab', { key: 'Tab' }],
    ['Backspace', { key: 'Backspace' }],
    ['ArrowLeft', { key: 'ArrowLeft' }],
    ['Escape', { key: 'Escape' }],
    ['Ctrl+C', { key: 'c', control: true }],
    ['Ctrl+V', { key: 'v', control: true }],
    ['Ctrl+A', { key: 'a', control: true }],
    ['Ctrl+Z', { key: 'z', control: true }],
    ['AltGr', { key: 'AltGraph' }],
    ['Alt (Alt+numpad codes)', { key: 'Alt', alt: true }],
    ['Alt+digit', { key: '0', alt: true }],
  ];

  it.each(blocked)('swallows %s', (_name, input) => {
    expect(setup().key(input)).toBe(true);
  });

  it.each(allowed)('lets %s through', (_name, input) => {
    expect(setup().key(input)).toBe(false);
  });

  it('lets DevTools shortcuts through in a development run only, and nothing else', () => {
    const dev = setup({ dev: true });
    expect(dev.key({ key: 'F12' })).toBe(false);
    expect(dev.key({ key: 'I', control: true, shift: true })).toBe(false);
    expect(dev.key({ key: 'r', control: true })).toBe(true);
    expect(
      isBlockedShortcut({ key: 'F12', code: 'F12', control: false, meta: false, alt: false, shift: false }),
    ).toBe(true);
  });
});

describe('recovery', () => {
  const gone = (wc: FakeWebContents, reason = 'crashed') =>
    wc.emit('render-process-gone', fakeEvent(), { reason, exitCode: 139 });

  it('reloads a crashed renderer at once, then backs off while crashes repeat', async () => {
    const { wc, clock, advance } = setup();
    gone(wc);
    expect(wc.reload).toHaveBeenCalledTimes(1);
    gone(wc, 'oom');
    expect(wc.reload).toHaveBeenCalledTimes(1);
    expect(clock.pending()).toEqual([CRASH_BACKOFF_MS[1]]);
    await clock.runAll();
    expect(wc.reload).toHaveBeenCalledTimes(2);
    gone(wc);
    gone(wc);
    gone(wc);
    expect(clock.pending()).toEqual([CRASH_BACKOFF_MS[2], CRASH_BACKOFF_MS[3], CRASH_BACKOFF_MS[3]]);
    await clock.runAll();
    advance(61_000); // a quiet minute: the next crash reloads at once again
    gone(wc);
    expect(wc.reload).toHaveBeenCalledTimes(6);
    expect(clock.pending()).toEqual([]);
  });

  it('does not reload a window that is gone', () => {
    const { win, wc } = setup();
    wc.destroyed = true;
    gone(wc);
    expect(win.webContents.reload).not.toHaveBeenCalled();
  });

  it('kills and reloads a renderer that stays unresponsive past the grace period', async () => {
    const { win, wc, clock } = setup();
    win.emit('unresponsive');
    win.emit('unresponsive');
    expect(clock.pending()).toEqual([15_000]);
    expect(wc.reload).not.toHaveBeenCalled();
    await clock.runAll();
    expect(wc.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    expect(wc.reload).toHaveBeenCalledTimes(1);
    gone(wc, 'killed'); // the kill we caused: no second reload
    expect(wc.reload).toHaveBeenCalledTimes(1);
    expect(clock.pending()).toEqual([]);
  });

  it('leaves a renderer alone that recovers within the grace period', () => {
    const { win, wc, clock } = setup();
    win.emit('unresponsive');
    win.emit('responsive');
    expect(clock.pending()).toEqual([]);
    expect(wc.forcefullyCrashRenderer).not.toHaveBeenCalled();
    expect(wc.reload).not.toHaveBeenCalled();
  });

  it('pins the zoom after each load', () => {
    const { wc } = setup();
    wc.emit('did-finish-load');
    expect(wc.setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 1);
  });
});

describe('single instance', () => {
  it('quits a second instance', () => {
    const app = new FakeApp();
    app.hasLock = false;
    expect(claimSingleInstance(app as unknown as App, () => null)).toBe(false);
    expect(app.quit).toHaveBeenCalledTimes(1);
  });

  it('brings the first instance to the front when a second one starts', () => {
    const app = new FakeApp();
    const win = new FakeBrowserWindow();
    win.minimized = true;
    expect(claimSingleInstance(app as unknown as App, () => win as unknown as BrowserWindow)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    app.emit('second-instance', fakeEvent(), [], '/', {});
    expect(win.restore).toHaveBeenCalled();
    expect(win.show).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });

  it('ignores a second instance before the window exists', () => {
    const app = new FakeApp();
    claimSingleInstance(app as unknown as App, () => null);
    expect(() => app.emit('second-instance', fakeEvent(), [], '/', {})).not.toThrow();
  });
});
