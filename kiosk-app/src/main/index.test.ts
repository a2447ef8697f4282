import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startVirtualPrinter } from '@layso/printer-drivers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from './channels.js';
import {
  FakeBrowserWindow,
  createFakeElectron,
  fakeEvent,
  type FakeElectron,
} from './testing/fake-electron.js';

// index.ts imports the real 'electron' names; each test gets a fresh fake behind them.
const current = vi.hoisted(() => ({ fake: null as unknown }));
vi.mock('electron', () => {
  const f = () => current.fake as FakeElectron;
  return {
    get app() {
      return f().app;
    },
    get BrowserWindow() {
      return f().BrowserWindow;
    },
    get ipcMain() {
      return f().ipcMain;
    },
    get Menu() {
      return f().Menu;
    },
    get dialog() {
      return f().dialog;
    },
  };
});

const URL_ = 'http://127.0.0.1:8080';
let fake: FakeElectron;
let dir: string;

beforeEach(() => {
  vi.resetModules();
  fake = createFakeElectron();
  current.fake = fake;
  dir = mkdtempSync(join(tmpdir(), 'kiosk-main-'));
  fake.app.userData = dir;
  for (const name of ['KIOSK_CONFIG', 'KIOSK_PRINTER_URL', 'KIOSK_SCANNER', 'KIOSK_PRINTER_WIDTH'])
    vi.stubEnv(name, '');
  vi.stubEnv('KIOSK_SERVER_URL', URL_);
  vi.stubEnv('KIOSK_DEVICE_TOKEN', 'secret-device-token');
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

/** Imports main and resolves once its start-up has finished (its last step listens for before-quit). */
async function boot(): Promise<void> {
  const started = new Promise<void>((resolve) => {
    fake.app.on('newListener', (name) => {
      if (name === 'before-quit') queueMicrotask(resolve);
    });
  });
  await import('./index.js');
  await started;
}

describe('main process wiring', () => {
  it('opens one hardened kiosk window on the server and answers the bridge', async () => {
    await boot();
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    expect(fake.app.commandLine.appendSwitch).toHaveBeenCalledWith('disable-pinch');
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalledWith(null);

    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const win = FakeBrowserWindow.instances[0] as FakeBrowserWindow;
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(win.options.kiosk).toBe(true);
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      devTools: false,
    });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    expect(win.webContents.loads).toEqual([`${URL_}/kiosk`]);

    const wc = win.webContents;
    expect(wc.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(wc.emitPreventable('will-navigate', 'https://example.com/')).toBe(true);
    expect(wc.session.headersListener).not.toBeNull();
    expect(await fake.ipcMain.invoke(CHANNELS.config, wc, `${URL_}/kiosk`)).toMatchObject({
      ok: true,
      value: { serverUrl: URL_, deviceToken: 'secret-device-token', localPrinter: false },
    });

    const logged = vi.mocked(console.log).mock.calls.flat().join('\n');
    expect(logged).toContain(URL_);
    expect(logged).not.toContain('secret-device-token');

    fake.app.emit('second-instance', fakeEvent(), [], '/', {});
    expect(win.focus).toHaveBeenCalled();
  });

  it('prints on the configured local printer through the bridge', async () => {
    const printer = await startVirtualPrinter({ host: '127.0.0.1', port: 0 });
    try {
      vi.stubEnv('KIOSK_PRINTER_URL', printer.url);
      await boot();
      const wc = (FakeBrowserWindow.instances[0] as FakeBrowserWindow).webContents;
      const next = printer.nextJob(10_000);
      const ticket = {
        number: '2001',
        serviceName: 'Sở Xây dựng',
        priorityLabel: null,
        ahead: 0,
        estimatedWaitMinutes: 0,
        issuedAt: '2026-11-27T08:15:00+07:00',
        trackingUrl: `${URL_}/t/abc-2001`,
      };
      expect(await fake.ipcMain.invoke(CHANNELS.print, wc, `${URL_}/kiosk`, ticket)).toEqual({
        ok: true,
        value: { printed: true, state: 'ready' },
      });
      expect((await next).printed).toBe(true);
    } finally {
      await printer.close();
    }
  });

  it('shows a bilingual error and exits on a bad config, opening no window', async () => {
    vi.stubEnv('KIOSK_SERVER_URL', '');
    const exited = new Promise<void>((resolve) => fake.app.exit.mockImplementation(() => resolve()));
    await import('./index.js');
    await exited;
    expect(fake.app.exit).toHaveBeenCalledWith(1);
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith(
      'LấySố Kiosk',
      expect.stringContaining('Cấu hình kiosk không hợp lệ / Invalid kiosk configuration'),
    );
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('quits at once when another kiosk is already running', async () => {
    fake.app.hasLock = false;
    await import('./index.js');
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.app.whenReady).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });
});
