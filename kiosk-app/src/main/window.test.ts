import type { BrowserWindow } from 'electron';
import { describe, expect, it } from 'vitest';
import { FakeBrowserWindow, fakeEvent, manualScheduler } from './testing/fake-electron.js';
import {
  KIOSK_BACKGROUND,
  OFFLINE_PAGE,
  createKioskWindow,
  keepLoaded,
  kioskUrl,
  screenUrl,
  kioskWindowOptions,
} from './window.js';

describe('kiosk window options', () => {
  it('is a full-screen kiosk whose renderer is isolated, sandboxed and without Node', () => {
    const o = kioskWindowOptions({ preloadPath: '/opt/kiosk/preload.cjs', dev: false });
    expect(o).toMatchObject({
      kiosk: true,
      fullscreen: true,
      autoHideMenuBar: true,
      backgroundColor: KIOSK_BACKGROUND,
    });
    expect(o.webPreferences).toMatchObject({
      preload: '/opt/kiosk/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
  });

  it('allows DevTools only in a development run', () => {
    expect(kioskWindowOptions({ preloadPath: '/p.cjs', dev: true }).webPreferences?.devTools).toBe(true);
  });

  it('loads /kiosk of the server', () => {
    expect(kioskUrl('http://10.0.0.2:8080')).toBe('http://10.0.0.2:8080/kiosk');
    expect(kioskUrl('https://queue.example.gov.vn/layso/')).toBe('https://queue.example.gov.vn/layso/kiosk');
    expect(screenUrl('http://10.0.0.2:8080/', { kind: 'kiosk' })).toBe('http://10.0.0.2:8080/kiosk');
    expect(screenUrl('http://10.0.0.2:8080/', { kind: 'counter-top', counterId: 4 })).toBe(
      'http://10.0.0.2:8080/counter-top/4',
    );
  });

  it('creates the window with those options and loads nothing yet', () => {
    const win = createKioskWindow(FakeBrowserWindow as never, { preloadPath: '/p.cjs', dev: false });
    const fake = win as unknown as FakeBrowserWindow;
    expect(fake.options).toEqual(kioskWindowOptions({ preloadPath: '/p.cjs', dev: false }));
    expect(fake.webContents.loads).toEqual([]);
  });
});

describe('keepLoaded', () => {
  const setup = () => {
    const win = new FakeBrowserWindow();
    const clock = manualScheduler();
    keepLoaded(win as unknown as BrowserWindow, 'http://10.0.0.2:8080/kiosk', {
      retryMs: 5000,
      schedule: clock.schedule,
      log: () => undefined,
    });
    const fail = (code: number, url: string, mainFrame = true) =>
      win.webContents.emit('did-fail-load', fakeEvent(), code, 'ERR', url, mainFrame, 1, 1);
    return { win, clock, fail };
  };

  it('shows a connecting page while the server is down and tries again', async () => {
    const { win, clock, fail } = setup();
    expect(win.webContents.loads).toEqual(['http://10.0.0.2:8080/kiosk']);
    fail(-102, 'http://10.0.0.2:8080/kiosk'); // ERR_CONNECTION_REFUSED
    expect(win.webContents.loads.at(-1)).toBe(OFFLINE_PAGE);
    expect(decodeURIComponent(OFFLINE_PAGE)).toContain('Đang kết nối máy chủ');
    expect(decodeURIComponent(OFFLINE_PAGE)).not.toContain('<script');
    expect(clock.pending()).toEqual([5000]);
    fail(-102, 'http://10.0.0.2:8080/kiosk'); // a second report before the retry: still one retry
    expect(clock.pending()).toEqual([5000]);
    await clock.runAll();
    expect(win.webContents.loads.at(-1)).toBe('http://10.0.0.2:8080/kiosk');
  });

  it('ignores sub-frame failures and aborted navigations', () => {
    const { win, clock, fail } = setup();
    fail(-102, 'http://10.0.0.2:8080/frame', false);
    fail(-3, 'http://10.0.0.2:8080/kiosk');
    expect(win.webContents.loads).toEqual(['http://10.0.0.2:8080/kiosk']);
    expect(clock.pending()).toEqual([]);
  });
});
