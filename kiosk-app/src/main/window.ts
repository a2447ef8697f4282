import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { ScreenSettings } from './config.js';

export interface WindowOptionsInput {
  /** Absolute path of the built preload script (CommonJS: sandboxed preloads cannot be ES modules). */
  preloadPath: string;
  /** Unpackaged development run: DevTools may be opened. Always false in a packaged build. */
  dev: boolean;
}

/** Matches the page background, so a reload or a crash never flashes white on the lobby screen. */
export const KIOSK_BACKGROUND = '#f5f7fa';

/** The kiosk window: full screen, no chrome, and a renderer that can reach nothing but the bridge. */
export function kioskWindowOptions({
  preloadPath,
  dev,
}: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: KIOSK_BACKGROUND,
    title: 'LấySố Kiosk',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: dev,
      safeDialogs: true,
      disableDialogs: true,
    },
  };
}

/** The renderer, served by the queue server. */
export function kioskUrl(serverUrl: string): string {
  return `${serverUrl.replace(/\/+$/, '')}/kiosk`;
}

/** The page the shell shows: the kiosk, or a counter's counter-top rating screen. */
export function screenUrl(serverUrl: string, screen: ScreenSettings): string {
  if (screen.kind === 'kiosk') return kioskUrl(serverUrl);
  return `${serverUrl.replace(/\/+$/, '')}/counter-top/${screen.counterId}`;
}

/** Shown while the server cannot be reached: static text, no script, nothing the bridge would answer. */
export const OFFLINE_PAGE =
  'data:text/html;charset=utf-8,' +
  encodeURIComponent(
    '<!doctype html><meta charset="utf-8"><title>LấySố</title>' +
      `<body style="margin:0;height:100vh;display:flex;align-items:center;justify-content:center;background:${KIOSK_BACKGROUND};font:32px sans-serif;color:#1f2937;text-align:center">` +
      '<p>Đang kết nối máy chủ, vui lòng chờ…<br><small style="color:#6b7280">Connecting to the server, please wait…</small></p>',
  );

/** Chromium's "navigation aborted" (a newer navigation replaced it): not a failure to retry. */
const ERR_ABORTED = -3;

export interface KeepLoadedOptions {
  /** Delay before trying the kiosk page again after it failed to load. Default 5000 ms. */
  retryMs?: number;
  schedule?: (fn: () => void, ms: number) => unknown;
  log?: (message: string) => void;
}

/**
 * Loads the kiosk page and keeps trying while the server is unreachable (boot order, network, a server
 * restart), showing a bilingual "connecting" page meanwhile instead of a blank screen.
 */
export function keepLoaded(win: BrowserWindow, url: string, options: KeepLoadedOptions = {}): void {
  const retryMs = options.retryMs ?? 5000;
  const schedule = options.schedule ?? ((fn, ms) => setTimeout(fn, ms));
  const log = options.log ?? ((m: string) => console.warn(`[kiosk] ${m}`));
  let pending = false;
  const load = (): void => {
    pending = false;
    if (!win.isDestroyed()) win.loadURL(url).catch(() => undefined); // failures arrive as did-fail-load
  };
  win.webContents.on('did-fail-load', (_event, errorCode, _description, validatedURL, isMainFrame) => {
    if (!isMainFrame || errorCode === ERR_ABORTED || validatedURL.startsWith('data:') || pending) return;
    log(`cannot load ${validatedURL} (${errorCode}), retrying in ${retryMs} ms`);
    pending = true;
    win.loadURL(OFFLINE_PAGE).catch(() => undefined);
    schedule(load, retryMs);
  });
  load();
}

type WindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

/** Creates the kiosk window without loading anything: install the guards first, then call keepLoaded(). */
export function createKioskWindow(Window: WindowClass, input: WindowOptionsInput): BrowserWindow {
  return new Window(kioskWindowOptions(input));
}
