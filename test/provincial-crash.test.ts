/**
 * Cross-part crash test of provincial delivery (issue 8, item 6). The server runs as a child process pointed at
 * the provincial stand-in, which fails half of its requests (500s, dropped connections, hangs, replies lost after
 * storing). Officers finish dossiers over HTTP; once the stand-in has seen a few requests the server gets
 * SIGKILL with requests in flight; it is restarted on the same DATA_DIR. Every record must arrive, each
 * idempotency key stored once, every field in the contract's format (DESIGN.md, "Provincial sync").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, startProvincialMock, type ProvincialMock } from '@layso/queue-server';
import {
  killAllServerProcesses,
  readCredentials,
  startServerProcess,
  type ServerProcess,
} from './support/child.js';
import { api } from './support/http.js';

const DOSSIERS = 20;
const KILL_AFTER_REQUESTS = 8;

let dataDir: string;
let province: ProvincialMock;
const requestWaiters: { count: number; resolve: () => void }[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'layso-sync-crash-'));
  let requests = 0;
  province = await startProvincialMock({
    port: 0,
    token: 'province-token',
    // Half of the requests fail, each kind of failure represented.
    errorRate: 0.2,
    dropRate: 0.1,
    hangRate: 0.1,
    hangMs: 1_500,
    failAfterStoreRate: 0.1,
    latencyMs: 30,
    onEvent: () => {
      requests += 1;
      for (const w of requestWaiters.filter((x) => requests >= x.count)) w.resolve();
    },
  });
});

afterAll(async () => {
  await killAllServerProcesses();
  await province.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const env = () => ({
  PROVINCIAL_URL: province.url,
  ALLOW_HTTP_UPSTREAM: 'true',
  PROVINCIAL_TOKEN: 'province-token',
  PROVINCIAL_TIMEOUT_SECONDS: '1',
  PROVINCIAL_BACKOFF_MAX_SECONDS: '2',
});

function requestsSeen(count: number): Promise<void> {
  return new Promise((resolve) => requestWaiters.push({ count, resolve }));
}

/** Resolves once the stand-in holds `count` records (checked on each of its events, no timers). */
function storedAtLeast(count: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (province.records().length >= count) resolve();
      else requestsSeen(province.stats().requests + 1).then(check, () => undefined);
    };
    check();
  });
}

describe('provincial delivery across a kill -9, against a stand-in failing half its requests', () => {
  it('delivers every finished dossier exactly once per key, in the contract format', async () => {
    let server: ServerProcess = await startServerProcess(dataDir, env());
    const creds = readCredentials(dataDir);
    const codes: string[] = [];
    const officers = creds.officers.slice(0, 2);
    const sessions = await Promise.all(
      officers.map(async (o) => {
        const r = await api(server.url, '/api/auth/login', {
          body: { username: o.username, password: o.password },
        });
        expect(r.status).toBe(200);
        return { token: r.body.token as string, counterId: o.counterId };
      }),
    );

    // Finish the dossiers; after a few provincial requests the server is killed mid-send. A finish under way at
    // the kill may or may not have committed: its code is never used again, and it may reach the province too.
    const attempted: string[] = [];
    let n = 0;
    const killed = requestsSeen(KILL_AFTER_REQUESTS).then(() => server.signal('SIGKILL'));
    while (codes.length < DOSSIERS && server.alive()) {
      n += 1;
      attempted.push(code(n));
      const s = sessions[n % sessions.length]!;
      if (await finishOne(server.url, s, creds.kioskToken, code(n))) codes.push(code(n));
    }
    await killed;
    expect((await server.exited).signal).toBe('SIGKILL');
    const beforeKill = codes.length;
    expect(beforeKill).toBeGreaterThan(0);

    // Restart on the same data; finish the rest with new sessions.
    server = await startServerProcess(dataDir, env());
    const again = await Promise.all(
      officers.map(async (o) => {
        const r = await api(server.url, '/api/auth/login', {
          body: { username: o.username, password: o.password },
        });
        return { token: r.body.token as string, counterId: o.counterId };
      }),
    );
    while (codes.length < DOSSIERS) {
      n += 1;
      attempted.push(code(n));
      expect(await finishOne(server.url, again[n % again.length]!, creds.kioskToken, code(n))).toBe(true);
      codes.push(code(n));
    }
    // What the server committed is what must arrive: every acknowledged dossier, and one cut off by the kill.
    const committed = () => {
      const db = openDatabase(join(dataDir, 'queue.db'));
      try {
        return (db.prepare('SELECT dossier_code AS c FROM outbox').all() as { c: string }[]).map((r) => r.c);
      } finally {
        db.close();
      }
    };
    const inOutbox = committed();
    expect(inOutbox).toEqual(expect.arrayContaining(codes));
    expect(inOutbox.every((c) => attempted.includes(c))).toBe(true);
    await storedAtLeast(inOutbox.length);

    const records = province.records();
    expect(records.map((r) => r.key).sort()).toEqual(inOutbox.map((c) => `${c}:2`).sort());
    expect(new Set(records.map((r) => r.key)).size).toBe(records.length);
    for (const r of records) {
      const b = r.body as Record<string, any>;
      expect(b.MaHoSo).toMatch(/^\d{3}\.\d{2}\.\d{2}\.H\d{2}-\d{6}-\d{4}$/);
      expect(`${b.MaHoSo}:${b.TrangThaiHoSo}`).toBe(r.key);
      expect(b.TrangThaiHoSo).toBe(2);
      expect(b.KenhThucHien).toBe(1);
      expect(b.NgayTiepNhan).toMatch(/^\d{14}$/);
      expect(b.NgayHenTra === null || /^\d{14}$/.test(b.NgayHenTra)).toBe(true);
      expect(Object.keys(b).sort()).toEqual(
        [
          'ChuHoSo',
          'KenhThucHien',
          'MaHoSo',
          'MaLinhVuc',
          'MaTTHC',
          'NgayHenTra',
          'NgayTiepNhan',
          'SoDienThoai',
          'SoGiayToChuHoSo',
          'TenLinhVuc',
          'TenTTHC',
          'TrangThaiHoSo',
          'queue',
        ].sort(),
      );
      expect(b.queue).toMatchObject({ ticketNumber: expect.stringMatching(/^\d+$/) });
      expect(typeof b.queue.waitedSeconds).toBe('number');
    }
    const faults = province.stats().faults;
    expect(faults.error + faults.drop + faults.hang + faults.failAfterStore).toBeGreaterThan(0);

    // The server knows it too: nothing pending, nothing dead. Its view may lag the stand-in's (a reply lost after
    // storing is only settled by the retry's 409), so read the admin's outbox view until it catches up.
    const admin = await api(server.url, '/api/auth/login', { body: creds.admin });
    const deadline = Date.now() + 60_000;
    let counts: { pending: number; delivered: number; dead: number } | null = null;
    while (Date.now() < deadline) {
      counts = (await api(server.url, '/api/admin/outbox?limit=1', { token: admin.body.token })).body.counts;
      if (counts && counts.pending === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(counts).toEqual({ pending: 0, delivered: records.length, dead: 0 });
    server.signal('SIGTERM');
    await server.exited;
    const db = openDatabase(join(dataDir, 'queue.db'));
    try {
      const row = db
        .prepare(
          `SELECT sum(delivered_at IS NOT NULL) AS delivered, sum(dead_at IS NOT NULL) AS dead, count(*) AS n
           FROM outbox`,
        )
        .get() as { delivered: number; dead: number; n: number };
      expect(row.n).toBe(records.length);
      expect(row.delivered).toBe(records.length);
      expect(row.dead).toBe(0);
    } finally {
      db.close();
    }
  });
});

const code = (n: number) => `000.00.12.H61-261203-${String(n).padStart(4, '0')}`;

/** One walk-in served and finished as a received dossier at this officer's counter; false if the server died. */
async function finishOne(
  url: string,
  s: { token: string; counterId: number },
  kioskToken: string,
  dossierCode: string,
): Promise<boolean> {
  try {
    const queue = await api(url, `/api/counters/${s.counterId}/queue`, { token: s.token });
    expect(queue.status).toBe(200);
    // A ticket called just before a kill is still at the counter after the restart: finish that one first.
    let ticketId = queue.body.current?.id as number | undefined;
    if (ticketId === undefined) {
      const serviceId = queue.body.counter.serviceIds[0] as number;
      const issued = await api(url, '/api/tickets', { token: kioskToken, body: { serviceId } });
      expect(issued.status).toBe(201);
      const call = await api(url, `/api/counters/${s.counterId}/call-next`, {
        token: s.token,
        method: 'POST',
      });
      expect(call.status).toBe(200);
      ticketId = call.body.ticket.id as number;
    }
    const done = await api(url, `/api/tickets/${ticketId}/finish`, {
      token: s.token,
      body: { outcome: 'received', dossier: { code: dossierCode } },
    });
    expect(done.status).toBe(200);
    return true;
  } catch (e) {
    if (e instanceof TypeError) return false; // the server was killed under this request
    throw e;
  }
}
