// Fakes of the Electron objects main touches, for tests run as plain Node (the Electron binary is never
// needed: see domain/vietnam.md). Each fake keeps what it was given so tests can drive and inspect it.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/** An Electron event: tests read `defaultPrevented` after emitting. */
export function fakeEvent<T extends object>(extra: T = {} as T) {
  const e = {
    defaultPrevented: false,
    preventDefault() {
      e.defaultPrevented = true;
    },
    ...extra,
  };
  return e;
}

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

export class FakeSession extends EventEmitter {
  permissionRequest:
    ((wc: unknown, permission: string, cb: (ok: boolean) => void, details: unknown) => void) | null = null;
  permissionCheck: ((wc: unknown, permission: string, origin: string, details: unknown) => boolean) | null =
    null;
  devicePermission: ((details: unknown) => boolean) | null = null;
  headersListener: HeadersListener | null = null;

  setPermissionRequestHandler(h: FakeSession['permissionRequest']): void {
    this.permissionRequest = h;
  }
  setPermissionCheckHandler(h: FakeSession['permissionCheck']): void {
    this.permissionCheck = h;
  }
  setDevicePermissionHandler(h: FakeSession['devicePermission']): void {
    this.devicePermission = h;
  }
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener): void => {
      this.headersListener = listener;
    },
  };

  /** Runs the response through the installed header listener and returns the headers it let through. */
  respond(url: string, responseHeaders: Record<string, string[]>): Record<string, string[]> | undefined {
    let out: Record<string, string[]> | undefined;
    this.headersListener?.({ url, responseHeaders }, (r) => {
      out = r.responseHeaders;
    });
    return out;
  }
}

let nextId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly session = new FakeSession();
  url = '';
  destroyed = false;
  loads: string[] = [];
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly reload = vi.fn();
  readonly forcefullyCrashRenderer = vi.fn();
  readonly send = vi.fn();
  readonly sendInputEvent = vi.fn();
  readonly setVisualZoomLevelLimits = vi.fn(async () => undefined);

  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  loadURL(url: string): Promise<void> {
    this.loads.push(url);
    this.url = url;
    return Promise.resolve();
  }
  setWindowOpenHandler(h: FakeWebContents['openHandler']): void {
    this.openHandler = h;
  }

  /** Emits `name` with a fresh preventable event first; returns whether a listener prevented it. */
  emitPreventable(name: string, ...args: unknown[]): boolean {
    const e = fakeEvent();
    this.emit(name, e, ...args);
    return e.defaultPrevented;
  }

  /** A frame as `event.senderFrame` shows it. */
  frame(url: string, parent: unknown = null) {
    return { url, parent };
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  minimized = false;
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn(() => {
    this.minimized = false;
  });

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  isDestroyed(): boolean {
    return this.webContents.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
}

export class FakeApp extends EventEmitter {
  hasLock = true;
  isPackaged = true;
  userData = '/nonexistent';
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  readonly enableSandbox = vi.fn();
  readonly commandLine = { appendSwitch: vi.fn() };
  readonly requestSingleInstanceLock = vi.fn(() => this.hasLock);
  readonly whenReady = vi.fn(() => Promise.resolve());
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
    return this.userData;
  }
}

/** What ipcMain.handle gets (the event typed loosely: tests build it from fakes). */
type InvokeHandler = (event: any, ...args: any[]) => unknown;

export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, fn: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Calls a handler as ipcRenderer.invoke from `sender` would. */
  async invoke(channel: string, sender: FakeWebContents, frameUrl: string | null, ...args: unknown[]) {
    const fn = this.handlers.get(channel);
    if (!fn) throw new Error(`no handler for ${channel}`);
    const senderFrame = frameUrl === null ? null : sender.frame(frameUrl);
    return fn({ sender, senderFrame }, ...args);
  }
}

/** A manual clock for code that takes `schedule`/`cancel`: nothing runs until the test says so. */
export function manualScheduler() {
  let id = 0;
  const tasks = new Map<number, { fn: () => void; ms: number }>();
  return {
    schedule: (fn: () => void, ms: number): unknown => {
      id += 1;
      tasks.set(id, { fn, ms });
      return id;
    },
    cancel: (handle: unknown): void => {
      tasks.delete(handle as number);
    },
    /** Delays of the tasks waiting to run. */
    pending: (): number[] => [...tasks.values()].map((t) => t.ms),
    /**
     * Runs every task scheduled so far (tasks they schedule wait for the next call); resolves when the
     * promises those tasks returned, if any, have settled.
     */
    runAll: async (): Promise<void> => {
      const now = [...tasks.values()];
      tasks.clear();
      await Promise.allSettled(now.map((t) => (t.fn as () => unknown)()));
    },
  };
}

/** The whole `electron` module as main imports it (vi.mock('electron', …) returns this). */
export function createFakeElectron() {
  FakeBrowserWindow.instances = [];
  return {
    app: new FakeApp(),
    BrowserWindow: FakeBrowserWindow,
    ipcMain: new FakeIpcMain(),
    Menu: { setApplicationMenu: vi.fn() },
    dialog: { showErrorBox: vi.fn() },
  };
}
export type FakeElectron = ReturnType<typeof createFakeElectron>;
