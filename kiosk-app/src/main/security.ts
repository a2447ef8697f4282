import type { App, BrowserWindow, Input, Session, WebContents } from 'electron';

/**
 * The kiosk's hardening (CONVENTIONS 5): the window shows the queue server's pages and nothing else, opens
 * no other window, grants no permission, ignores developer and browser shortcuts, sends a strict CSP, and
 * comes back by itself after a renderer crash or hang. Only one kiosk process runs at a time.
 */

/** True when `url` is on the server's origin (scheme, host and port). Unparsable URLs are not. */
export function isServerUrl(url: string, serverOrigin: string): boolean {
  try {
    return new URL(url).origin === serverOrigin;
  } catch {
    return false;
  }
}

/** The CSP every response gets: only the server's origin (and its WebSocket), inline styles, data:/blob: images. */
export function contentSecurityPolicy(serverOrigin: string): string {
  const u = new URL(serverOrigin);
  const ws = `${u.protocol === 'https:' ? 'wss:' : 'ws:'}//${u.host}`;
  const self = `'self' ${u.origin}`;
  return [
    `default-src ${self}`,
    `script-src ${self}`,
    `style-src ${self} 'unsafe-inline'`,
    `img-src ${self} data: blob:`,
    `font-src ${self} data:`,
    `media-src ${self} data: blob:`,
    `connect-src ${self} ${ws}`,
    `worker-src ${self}`,
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

type KeyInput = Pick<Input, 'key' | 'code' | 'control' | 'meta' | 'alt' | 'shift'>;

const DEVTOOLS_LETTERS = new Set(['i', 'j', 'c']);

/** DevTools: F12 and Ctrl/Cmd+Shift+I/J/C (Cmd+Alt+I/J/C on macOS). */
export function isDevToolsShortcut(input: KeyInput): boolean {
  const key = input.key.toLowerCase();
  const mod = input.control || input.meta;
  return key === 'f12' || (mod && (input.shift || input.alt) && DEVTOOLS_LETTERS.has(key));
}

/** With Ctrl or Cmd: reload, close, quit, new window/tab, open, save, print, view source, zoom, tab cycling. */
const BLOCKED_WITH_MOD = new Set([
  'r',
  'w',
  'q',
  'n',
  't',
  'o',
  's',
  'p',
  'u',
  '+',
  '=',
  '-',
  '0',
  'f4',
  'f5',
  'tab',
  'pageup',
  'pagedown',
]);

/** With Alt: close the window, history back/forward, home page. */
const BLOCKED_WITH_ALT = new Set(['f4', 'arrowleft', 'arrowright', 'home']);

/** Keys that reload, leave full screen, open the menu bar or navigate history on their own. */
const BLOCKED_ALONE = new Set(['f5', 'f10', 'f11', 'browserback', 'browserforward', 'browserrefresh']);

/**
 * Shortcuts a citizen (or a curious child) must not be able to use at the kiosk. Plain typing, Enter, Tab,
 * Backspace, arrows, copy/paste and Alt itself stay: the page has search and name fields, and keyboard-wedge
 * scanners type (some with Alt+numpad codes). The menu bar Alt would show does not exist (index.ts removes it).
 */
export function isBlockedShortcut(input: KeyInput): boolean {
  const key = input.key.toLowerCase();
  if (isDevToolsShortcut(input)) return true;
  if (input.alt && BLOCKED_WITH_ALT.has(key)) return true;
  if ((input.control || input.meta) && BLOCKED_WITH_MOD.has(key)) return true;
  return BLOCKED_ALONE.has(key);
}

export interface SecurityOptions {
  serverOrigin: string;
  /** Development run: DevTools shortcuts pass (everything else stays blocked). */
  dev?: boolean;
  /** How long a hung renderer may stay unresponsive before it is killed and reloaded. Default 15000 ms. */
  unresponsiveGraceMs?: number;
  schedule?: (fn: () => void, ms: number) => unknown;
  cancel?: (handle: unknown) => void;
  now?: () => number;
  log?: (message: string) => void;
}

/** Reload delays after consecutive renderer crashes (a crash loop must not spin the CPU). */
export const CRASH_BACKOFF_MS = [0, 1000, 5000, 30000] as const;
const CRASH_WINDOW_MS = 60_000;

/** Installs every guard on the kiosk window and its session. Call before loading the page. */
export function installSecurity(win: BrowserWindow, options: SecurityOptions): void {
  const wc = win.webContents;
  const origin = options.serverOrigin;
  const log = options.log ?? ((m: string) => console.warn(`[kiosk] ${m}`));
  const schedule = options.schedule ?? ((fn, ms) => setTimeout(fn, ms));
  const cancel = options.cancel ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const now = options.now ?? Date.now;

  guardWebContents(wc, origin, log);

  wc.on('before-input-event', (event, input) => {
    if (options.dev && isDevToolsShortcut(input)) return;
    if (isBlockedShortcut(input)) event.preventDefault();
  });

  guardSession(wc.session, origin);

  // No pinch or Ctrl+wheel zoom on a touch screen (with the `disable-pinch` switch set in index.ts).
  wc.on('did-finish-load', () => {
    wc.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
  });

  // Crash → reload (with a back-off when crashes repeat).
  let crashes: number[] = [];
  let killedOnPurpose = false;
  const reload = (): void => {
    if (!win.isDestroyed()) wc.reload();
  };
  wc.on('render-process-gone', (_event, details) => {
    if (win.isDestroyed()) return;
    if (killedOnPurpose) {
      killedOnPurpose = false; // the hang handler reloads by itself
      return;
    }
    const at = now();
    crashes = [...crashes.filter((t) => at - t < CRASH_WINDOW_MS), at];
    const delay = CRASH_BACKOFF_MS[Math.min(crashes.length, CRASH_BACKOFF_MS.length) - 1] ?? 0;
    log(`renderer gone (${details.reason}, exit ${details.exitCode}); reloading in ${delay} ms`);
    if (delay === 0) reload();
    else schedule(reload, delay);
  });

  // Hang → wait a grace period (it may recover: a long GC, a slow disk) → kill the renderer and reload.
  const grace = options.unresponsiveGraceMs ?? 15_000;
  let hang: unknown = null;
  win.on('unresponsive', () => {
    if (hang !== null) return;
    log(`renderer unresponsive; reloading in ${grace} ms unless it recovers`);
    hang = schedule(() => {
      hang = null;
      if (win.isDestroyed()) return;
      killedOnPurpose = true;
      wc.forcefullyCrashRenderer();
      wc.reload();
    }, grace);
  });
  win.on('responsive', () => {
    if (hang === null) return;
    cancel(hang);
    hang = null;
  });
}

const guarded = new WeakSet<WebContents>();

/** Navigation, redirects, new windows and webviews: everything off the server origin is refused. */
export function guardWebContents(wc: WebContents, serverOrigin: string, log: (m: string) => void): void {
  if (guarded.has(wc)) return;
  guarded.add(wc);
  wc.on('will-navigate', (event, url) => {
    if (isServerUrl(url, serverOrigin)) return;
    event.preventDefault();
    log(`navigation refused: ${safeUrl(url)}`);
  });
  wc.on('will-frame-navigate', (event) => {
    if (isServerUrl(event.url, serverOrigin)) return;
    event.preventDefault();
    log(`frame navigation refused: ${safeUrl(event.url)}`);
  });
  wc.on('will-redirect', (event, url) => {
    if (isServerUrl(url, serverOrigin)) return;
    event.preventDefault();
    log(`redirect refused: ${safeUrl(url)}`);
  });
  wc.on('will-attach-webview', (event) => event.preventDefault());
  wc.setWindowOpenHandler(({ url }) => {
    log(`window.open refused: ${safeUrl(url)}`);
    return { action: 'deny' };
  });
}

/** No permission (camera, microphone, geolocation, notifications, HID/USB/serial …), no downloads, a strict CSP. */
export function guardSession(session: Session, serverOrigin: string): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
  const csp = contentSecurityPolicy(serverOrigin);
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string[]> = { ...(details.responseHeaders ?? {}) };
    // A CSP the server sent stays: several policies are all enforced, so adding ours can only narrow.
    const key = Object.keys(headers).find((k) => k.toLowerCase() === 'content-security-policy');
    if (key) headers[key] = [...(headers[key] ?? []), csp];
    else headers['Content-Security-Policy'] = [csp];
    callback({ responseHeaders: headers });
  });
}

/**
 * App-wide guards for any web contents that might ever be created (defence in depth: the kiosk makes one).
 * Call once, before the first window.
 */
export function hardenApp(app: App, serverOrigin: string, log: (m: string) => void): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, serverOrigin, log));
}

/**
 * One kiosk process at a time: a second start quits and brings the first window to the front.
 * Returns false when this process is the second one (it has already asked to quit).
 */
export function claimSingleInstance(app: App, getWindow: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const win = getWindow();
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  return true;
}

/** Logs show where a navigation tried to go, never its query (it could carry a token or personal data). */
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
