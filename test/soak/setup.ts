/**
 * The soak's world: the provincial stand-in and a virtual ESC/POS printer in this process, the queue server as a
 * child process (so it can be `kill -9`ed and restarted on the same DATA_DIR and port), and a big center built
 * through the server's own admin API — services, counters, officers and devices, as an admin would.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startVirtualPrinter, type VirtualPrinter } from '@layso/printer-drivers';
import { startProvincialMock, type ProvincialMock } from '@layso/queue-server';
import {
  freePort,
  readCredentials,
  startServerProcess,
  type ServerEntry,
  type ServerProcess,
} from '../support/child.js';
import { api } from '../support/http.js';
import type { SoakOptions } from './options.js';

export interface SoakService {
  id: number;
  prefix: string;
}

export interface SoakCounter {
  id: number;
  number: number;
  /** In order of preference. */
  serviceIds: number[];
  username: string;
  password: string;
}

export interface SoakScreenSpec {
  kind: 'display' | 'counter-top';
  token: string;
  /** A lobby display of one service's area; undefined = the whole lobby. */
  serviceId?: number;
  counterId?: number;
}

export interface Center {
  services: SoakService[];
  counters: SoakCounter[];
  kioskTokens: string[];
  screens: SoakScreenSpec[];
  adminToken: string;
}

/** Everything a soak runs against; `restart()` replaces `server` after a kill. */
export interface World {
  dataDir: string;
  port: number;
  server: ServerProcess;
  printer: VirtualPrinter;
  province: ProvincialMock;
  env: Record<string, string>;
  url(): string;
  /** Resolves at the next request the province answers (or fails). */
  nextProvinceEvent(): Promise<void>;
  restart(): Promise<ServerProcess>;
  close(): Promise<void>;
}

/** Open every day of the week round the clock, so a soak can run at any hour. */
const ROUND_THE_CLOCK = Object.fromEntries(
  ['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [{ open: '00:00', close: '24:00' }]]),
);

export async function startWorld(
  entry: ServerEntry = 'source',
  dataDir = mkdtempSync(join(tmpdir(), 'layso-soak-')),
): Promise<World> {
  let provinceWaiters: (() => void)[] = [];
  const province = await startProvincialMock({
    port: 0,
    token: 'soak-province',
    onEvent: () => {
      const w = provinceWaiters;
      provinceWaiters = [];
      for (const f of w) f();
    },
  });
  const printer = await startVirtualPrinter({ port: 0, keepJobs: 50 });
  const port = await freePort();
  const env: Record<string, string> = {
    PORT: String(port),
    PRINTER_URL: printer.url,
    RECEIPT_PRINTER_URL: printer.url,
    // The kiosks learn of a fault within a second; a soak's day is compressed.
    PRINTER_POLL_SECONDS: '1',
    PROVINCIAL_URL: province.url,
    ALLOW_HTTP_UPSTREAM: 'true',
    PROVINCIAL_TOKEN: 'soak-province',
    PROVINCIAL_TIMEOUT_SECONDS: '3',
    PROVINCIAL_BACKOFF_MAX_SECONDS: '1',
    // Every call of the soak's officers is a real sign-in; the login limiter only counts failures.
    LOG_LEVEL: 'warn',
  };
  const world: World = {
    dataDir,
    port,
    server: await startServerProcess(dataDir, env, entry),
    printer,
    province,
    env,
    url: () => `http://127.0.0.1:${port}`,
    nextProvinceEvent: () => new Promise((resolve) => provinceWaiters.push(resolve)),
    async restart() {
      world.server = await startServerProcess(dataDir, env, entry);
      return world.server;
    },
    async close() {
      if (world.server.alive()) {
        world.server.signal('SIGTERM');
        await world.server.exited;
      }
      await printer.close();
      await province.close();
    },
  };
  return world;
}

/** Runs `fn` over `items`, at most `limit` at a time, in order of start. */
export async function pool<T>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

async function must(base: string, path: string, init: Parameters<typeof api>[2], status = 201) {
  const r = await api(base, path, init);
  if (r.status !== status)
    throw new Error(`${init?.method ?? 'POST'} ${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  return r.body;
}

/**
 * The big center, built over HTTP by the demo's admin: `services` services with five-digit numbers (a day of
 * 50,000 tickets needs more than 999 per service), `counters` counters each serving two services, one officer
 * per counter, `kiosks` kiosks, and the screens: one counter-top per counter (while there are screens for it),
 * a few whole-lobby displays and the rest lobby displays of one service's area each.
 */
export async function buildCenter(world: World, o: SoakOptions): Promise<Center> {
  const base = world.url();
  const creds = readCredentials(world.dataDir);
  const admin = await must(base, '/api/auth/login', { body: creds.admin }, 200);
  const token: string = admin.token;

  const services: SoakService[] = [];
  for (let i = 0; i < o.services; i++) {
    // Three-character prefixes of the same length never overlap each other, nor the demo's four-digit numbers.
    const prefix = `S${String(i).padStart(2, '0')}`;
    const s = await must(base, '/api/admin/services', {
      token,
      body: {
        code: `SOAK-${i}`,
        name: `Dịch vụ thử tải ${i + 1}`,
        nameEn: `Soak service ${i + 1}`,
        numberFormat: { prefix, digits: 5 },
        dailyCap: 99_999,
        hours: ROUND_THE_CLOCK,
        active: true,
      },
    });
    services.push({ id: s.id, prefix });
  }

  const counters: SoakCounter[] = [];
  await pool(
    Array.from({ length: o.counters }, (_, i) => i),
    4,
    async (i) => {
      const first = services[i % services.length] as SoakService;
      const second = services[(i + 1) % services.length] as SoakService;
      const serviceIds = first.id === second.id ? [first.id] : [first.id, second.id];
      const number = 101 + i;
      const c = await must(base, '/api/admin/counters', {
        token,
        body: { number, name: `Quầy ${number}`, serviceIds },
      });
      const username = `soak${String(number).padStart(3, '0')}`;
      const password = `soak-pw-${number}-${Math.random().toString(36).slice(2, 10)}`;
      await must(base, '/api/admin/users', {
        token,
        body: { username, displayName: `Cán bộ ${number}`, password, role: 'officer', counterId: c.id },
      });
      counters.push({ id: c.id, number, serviceIds, username, password });
    },
  );
  counters.sort((a, b) => a.number - b.number);

  const device = async (kind: string, name: string, counterId: number | null = null): Promise<string> =>
    (await must(base, '/api/admin/devices', { token, body: { kind, name, counterId } })).token as string;

  const kioskTokens: string[] = [];
  await pool(
    Array.from({ length: o.kiosks }, (_, i) => i),
    8,
    async (i) => {
      kioskTokens.push(await device('kiosk', `Ki-ốt thử tải ${i + 1}`));
    },
  );

  const plan = screenPlan(o.screens, counters, services);
  const screens: SoakScreenSpec[] = new Array(plan.length);
  await pool(plan, 8, async (p, i) => {
    const name = p.kind === 'counter-top' ? `Mặt quầy ${p.counterId}` : `Màn hình sảnh ${i + 1}`;
    screens[i] = {
      ...p,
      token: await device(p.kind === 'counter-top' ? 'counter' : 'display', name, p.counterId ?? null),
    };
  });
  return { services, counters, kioskTokens, screens, adminToken: token };
}

/**
 * Which screens a center of this size has: a counter-top on each counter (at most half the screens), 1% of the
 * lobby displays (at least one) showing the whole lobby, the others one service's area each, spread evenly.
 */
export function screenPlan(
  total: number,
  counters: readonly SoakCounter[],
  services: readonly SoakService[],
): Omit<SoakScreenSpec, 'token'>[] {
  const tops = Math.min(counters.length, Math.floor(total / 2));
  const lobby = total - tops;
  const whole = Math.min(lobby, Math.max(1, Math.round(lobby * 0.01)));
  const plan: Omit<SoakScreenSpec, 'token'>[] = [];
  for (let i = 0; i < tops; i++)
    plan.push({ kind: 'counter-top', counterId: (counters[i] as SoakCounter).id });
  for (let i = 0; i < whole; i++) plan.push({ kind: 'display' });
  for (let i = 0; i < lobby - whole; i++)
    plan.push({ kind: 'display', serviceId: (services[i % services.length] as SoakService).id });
  return plan;
}
