import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { vnInstant } from '../domain/time.js';
import { ProvincialSync, provincialSyncFromConfig, type SyncLogger, type SyncRepo } from './provincial.js';
import { CITIZEN, createSyncFixture, PROCEDURE_CODE, type SyncFixture } from './testing.js';

// ---------- a real HTTP server standing in for the provincial system ----------

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: any;
}

/** What the fake answers to the n-th request (0-based): a status, or 'hang' to never answer. */
type Reply = number | 'hang';

class FakeProvince {
  readonly received: Received[] = [];
  reply: (n: number, body: any) => Reply = () => 201;
  private server: Server | null = null;
  private hanging: ServerResponse[] = [];
  private waiters: { count: number; resolve: () => void }[] = [];
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const body = text ? JSON.parse(text) : null;
        const n = this.received.length;
        this.received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        for (const w of this.waiters.filter((x) => this.received.length >= x.count)) w.resolve();
        const reply = this.reply(n, body);
        if (reply === 'hang') {
          this.hanging.push(res);
          return;
        }
        // Like a careless real system: the reply echoes the record, personal data included.
        res.writeHead(reply, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: reply, echo: body }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Resolves once `count` requests have arrived (an event, not a sleep). */
  requests(count: number): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  /** Answers the requests left hanging. */
  release(status: number): void {
    for (const res of this.hanging.splice(0)) res.writeHead(status).end();
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

// ---------- setup ----------

const TOKEN = 'tinh-vinh-long-secret';
let f: SyncFixture;
let province: FakeProvince;
let logs: { level: string; facts: object; message: string }[];
let logger: SyncLogger;

function sync(over: Partial<ConstructorParameters<typeof ProvincialSync>[0]> = {}): ProvincialSync {
  return new ProvincialSync({
    repo: f.repo,
    clock: f.clock,
    url: province.url,
    token: TOKEN,
    timeoutMs: 2_000,
    random: () => 0.5,
    logger,
    ...over,
  });
}

const PERSONAL = [CITIZEN.fullName!, CITIZEN.phone!, CITIZEN.idNumber!];

function expectNoPersonalData(text: string): void {
  for (const p of PERSONAL) expect(text).not.toContain(p);
}

beforeEach(async () => {
  // Monday 2026-11-30, 08:00 in Vietnam.
  f = createSyncFixture(vnInstant('2026-11-30', 8 * 60));
  province = new FakeProvince();
  await province.start();
  logs = [];
  logger = {
    info: (facts, message) => logs.push({ level: 'info', facts, message }),
    warn: (facts, message) => logs.push({ level: 'warn', facts, message }),
  };
});
afterEach(async () => {
  await province.close();
  f.close();
});

// ---------- tests ----------

describe('ProvincialSync against a real HTTP server', () => {
  it('POSTs the national record with its headers and marks it delivered on 201', async () => {
    f.finishDossier({
      code: '000.00.12.H61-261130-0001',
      intake: CITIZEN,
      kioskProcedure: PROCEDURE_CODE,
      appointmentAt: '2026-12-03T14:00:00.000+07:00',
      waitSeconds: 600,
      startSeconds: 30,
      serveSeconds: 300,
      rating: 'satisfied',
    });
    const deliveredAt = f.clock.now();

    expect(await sync().runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });

    expect(province.received).toHaveLength(1);
    const [req] = province.received;
    expect(req).toMatchObject({ method: 'POST', url: '/dossiers' });
    expect(req!.headers['content-type']).toBe('application/json');
    // One key per record: the dossier's code and its status (received 2, returned 10).
    expect(req!.headers['idempotency-key']).toBe('000.00.12.H61-261130-0001:2');
    expect(req!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    // Finished at 08:15:30 Vietnam time (08:00 + 10 min wait + 30 s + 5 min).
    expect(req!.body).toEqual({
      MaHoSo: '000.00.12.H61-261130-0001',
      MaTTHC: PROCEDURE_CODE,
      TenTTHC: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
      MaLinhVuc: null,
      TenLinhVuc: 'Chứng thực',
      KenhThucHien: 1,
      ChuHoSo: 'Nguyễn Thị Mai',
      SoGiayToChuHoSo: '086190001234',
      SoDienThoai: '0912345678',
      NgayTiepNhan: '20261130081530',
      NgayHenTra: '20261203140000',
      TrangThaiHoSo: 2,
      queue: {
        ticketNumber: '2001',
        waitedSeconds: 600,
        servedSeconds: 300,
        counter: 'Quầy 3',
        officer: 'Trần Văn Bình',
        rating: 'satisfied',
      },
    });
    expect(req!.body.NgayTiepNhan).toMatch(/^\d{14}$/);

    const [row] = f.repo.list();
    expect(row!.deliveredAt?.getTime()).toBe(deliveredAt.getTime());
    expect(f.repo.pending()).toBe(0);
    // Delivered means done: the next run sends nothing.
    expect(await sync().runOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    expect(province.received).toHaveLength(1);
  });

  it('sends a returned result as status 10, without Authorization when no token is set, under a base path', async () => {
    f.finishDossier({ code: '000.00.12.H61-261130-0002', outcome: 'returned' });
    expect(await sync({ token: undefined, url: `${province.url}/lgsp/api/` }).runOnce()).toEqual({
      delivered: 1,
      failed: 0,
      dead: 0,
    });
    const [req] = province.received;
    expect(req!.url).toBe('/lgsp/api/dossiers');
    expect(req!.headers['idempotency-key']).toBe('000.00.12.H61-261130-0002:10');
    expect(req!.headers.authorization).toBeUndefined();
    expect(req!.body).toMatchObject({ TrangThaiHoSo: 10, ChuHoSo: null, SoDienThoai: null, MaTTHC: null });
  });

  it('counts 409 (already have it) as delivered', async () => {
    province.reply = () => 409;
    f.finishDossier({ code: '000.00.12.H61-261130-0001' });
    expect(await sync().runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(f.repo.pending()).toBe(0);
  });

  it('retries a 500 after the wait, not before, and keeps no personal data from the reply', async () => {
    province.reply = (n) => (n === 0 ? 500 : 201);
    f.finishDossier({ code: '000.00.12.H61-261130-0001', intake: CITIZEN });
    const worker = sync();
    const failedAt = f.clock.now();

    expect(await worker.runOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    const [row] = f.repo.list();
    expect(row).toMatchObject({ attempts: 1, strikes: 1, lastError: 'HTTP 500', deliveredAt: null });
    // The record is due again at once; the province's wait paces it: full jitter below 0.5 s (random 0.5 → 250 ms).
    expect(row!.nextAttemptAt.getTime()).toBe(failedAt.getTime());
    expect(worker.health()).toMatchObject({
      state: 'failing',
      consecutiveFailures: 1,
      lastError: 'HTTP 500',
    });

    f.clock.advance(249);
    expect(await worker.runOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    expect(province.received).toHaveLength(1);

    f.clock.advance(1);
    expect(await worker.runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(province.received).toHaveLength(2);
    expect(province.received[1]!.headers['idempotency-key']).toBe('000.00.12.H61-261130-0001:2');
    expect(f.repo.pending()).toBe(0);
    expect(worker.health()).toMatchObject({ state: 'up', consecutiveFailures: 0 });

    // The 500 reply echoed name, phone and ID: none of it reached the outbox or the logs.
    expectNoPersonalData(JSON.stringify(f.repo.list()));
    expectNoPersonalData(JSON.stringify(logs));
  });

  it('gives up on a provincial system that never answers (timeout), then delivers on a later run', async () => {
    province.reply = (n) => (n === 0 ? 'hang' : 201);
    f.finishDossier({ code: '000.00.12.H61-261130-0001', intake: CITIZEN });
    const worker = sync({ timeoutMs: 200 });

    expect(await worker.runOnce()).toEqual({ delivered: 0, failed: 1, dead: 0 });
    expect(province.received).toHaveLength(1);
    expect(f.repo.list()[0]).toMatchObject({ attempts: 1, lastError: 'timeout after 200 ms' });

    f.clock.advance(1_000);
    expect(await worker.runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(province.received).toHaveLength(2);
    expect(f.repo.pending()).toBe(0);
  });

  it('fails cleanly when nothing listens at the URL', async () => {
    const port = province.port;
    await province.close();
    f.finishDossier({ code: '000.00.12.H61-261130-0001', intake: CITIZEN });
    expect(await sync({ url: `http://127.0.0.1:${port}` }).runOnce()).toEqual({
      delivered: 0,
      failed: 1,
      dead: 0,
    });
    const [row] = f.repo.list();
    expect(row!.lastError).toMatch(/^network error: TypeError ECONNREFUSED$/);
    expectNoPersonalData(JSON.stringify(logs));
  });

  it('re-sends with the same Idempotency-Key when it crashed between the POST and marking it delivered', async () => {
    f.finishDossier({ code: '000.00.12.H61-261130-0001' });
    let crash = true;
    const crashing: SyncRepo = {
      next: (now) => f.repo.next(now),
      nextDueAt: () => f.repo.nextDueAt(),
      load: (id) => f.repo.load(id),
      markFailed: (...args) => f.repo.markFailed(...args),
      markDead: (...args) => f.repo.markDead(...args),
      markDelivered: (id, at) => {
        if (crash) {
          crash = false;
          throw new Error('SQLITE_IOERR: disk I/O error');
        }
        return f.repo.markDelivered(id, at);
      },
    };
    const worker = sync({ repo: crashing });
    // The outbox's own failure ends the run (the loop logs it and looks again later); the row stays pending.
    await expect(worker.runOnce()).rejects.toThrow('SQLITE_IOERR');
    expect(f.repo.list()[0]).toMatchObject({ attempts: 0, deliveredAt: null });

    expect(await worker.runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(province.received.map((r) => r.headers['idempotency-key'])).toEqual([
      '000.00.12.H61-261130-0001:2',
      '000.00.12.H61-261130-0001:2',
    ]);
    expect(province.received[0]!.body).toEqual(province.received[1]!.body);
  });

  it('sends every waiting record in one run, oldest first', async () => {
    for (let i = 1; i <= 3; i += 1) f.finishDossier({ code: `000.00.12.H61-261130-000${i}` });
    expect(await sync().runOnce()).toEqual({ delivered: 3, failed: 0, dead: 0 });
    expect(province.received.map((r) => r.body.MaHoSo)).toEqual([
      '000.00.12.H61-261130-0001',
      '000.00.12.H61-261130-0002',
      '000.00.12.H61-261130-0003',
    ]);
  });

  it('never sends a row that is not a dossier; records why, naming no one', async () => {
    const issued = f.queue.issue({ serviceId: f.serviceId, intake: CITIZEN }, null).value;
    const actor = { counterId: f.counterId, officerId: f.officerId };
    f.queue.callNext(actor);
    f.queue.finish(issued.id, { outcome: 'guidance' }, actor);
    f.store.outbox.enqueue(issued.id, '000.00.12.H61-261130-0009', f.clock.now());

    expect(await sync().runOnce()).toEqual({ delivered: 0, failed: 0, dead: 1 });
    expect(province.received).toEqual([]);
    const [row] = f.repo.list();
    const reason = `ticket ${issued.id}: outcome guidance is not a dossier outcome`;
    expect(row).toMatchObject({ lastError: reason, deadReason: reason, attempts: 0 });
    expect(row!.deadAt).not.toBeNull();
    // A dead letter is never picked again.
    expect(await sync().runOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    expectNoPersonalData(JSON.stringify(logs));
  });

  it('joins a run in progress instead of sending the same rows twice at once', async () => {
    province.reply = () => 'hang';
    f.finishDossier({ code: '000.00.12.H61-261130-0001' });
    const worker = sync();
    const first = worker.runOnce();
    const second = worker.runOnce();
    expect(second).toBe(first);
    await province.requests(1);
    province.release(201);
    expect(await first).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(province.received).toHaveLength(1);
  });

  it('start() delivers in the background; stop() aborts a request under way and the row stays pending', async () => {
    province.reply = () => 'hang';
    f.finishDossier({ code: '000.00.12.H61-261130-0001' });
    const worker = sync();
    worker.start();
    worker.start(); // a second start is a no-op
    await province.requests(1);
    await worker.stop();
    expect(f.repo.list()[0]).toMatchObject({ deliveredAt: null, deadAt: null, attempts: 1 });
    expect(f.repo.list()[0]!.lastError).toMatch(/^network error: AbortError/);
    expect(province.received).toHaveLength(1);

    province.reply = () => 201;
    f.clock.advance(60_000);
    expect(await worker.runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(f.repo.pending()).toBe(0);
  });

  it('wake() sends a new record at once instead of waiting for the next look', async () => {
    const worker = sync({ idleMs: 3_600_000 });
    worker.start();
    f.finishDossier({ code: '000.00.12.H61-261130-0001' });
    worker.wake();
    await province.requests(1);
    await worker.stop();
    expect(province.received[0]!.body.MaHoSo).toBe('000.00.12.H61-261130-0001');
  });
});

describe('without PROVINCIAL_URL', () => {
  it('nothing is sent and the dossiers stay in the outbox', async () => {
    f.finishDossier({ code: '000.00.12.H61-261130-0001', intake: CITIZEN });
    const config = loadConfig({ DATA_DIR: f.dir, NODE_ENV: 'test' });
    expect(config.PROVINCIAL_URL).toBeUndefined();
    expect(provincialSyncFromConfig(config, { repo: f.repo, clock: f.clock }).enabled).toBe(false);

    const inert = sync({ url: undefined });
    expect(inert.enabled).toBe(false);
    inert.start();
    expect(await inert.runOnce()).toEqual({ delivered: 0, failed: 0, dead: 0 });
    await inert.stop();
    expect(province.received).toEqual([]);
    expect(f.repo.pending()).toBe(1);
  });

  it('with PROVINCIAL_URL and PROVINCIAL_TOKEN set, the worker from the config sends with them', async () => {
    f.finishDossier({ code: '000.00.12.H61-261130-0001' });
    const config = loadConfig({
      DATA_DIR: f.dir,
      NODE_ENV: 'test',
      PROVINCIAL_URL: province.url,
      // The stand-in speaks plain http on 127.0.0.1.
      ALLOW_HTTP_UPSTREAM: 'true',
      PROVINCIAL_TOKEN: TOKEN,
    });
    const worker = provincialSyncFromConfig(config, { repo: f.repo, clock: f.clock });
    expect(await worker.runOnce()).toEqual({ delivered: 1, failed: 0, dead: 0 });
    expect(province.received[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });
});
