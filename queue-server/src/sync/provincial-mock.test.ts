/**
 * The provincial stand-in over real HTTP on 127.0.0.1 (port 0): idempotent storage, refusals, every fault and the
 * out file across a restart. Randomness is injected, so each fault fires exactly when a test asks for it.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startProvincialMock,
  type MockEvent,
  type ProvincialMock,
  type ProvincialMockOptions,
} from './provincial-mock.js';

const KEY = '000.00.12.H61-261203-0001:2';
const RECORD = { MaHoSo: '000.00.12.H61-261203-0001', TrangThaiHoSo: 2, ChuHoSo: 'Nguyễn Thị Mai' };

let open: ProvincialMock[] = [];
let dirs: string[] = [];

afterEach(async () => {
  await Promise.all(open.map((m) => m.close()));
  open = [];
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

async function start(options: ProvincialMockOptions = {}): Promise<ProvincialMock> {
  const mock = await startProvincialMock({ port: 0, ...options });
  open.push(mock);
  return mock;
}

function post(
  mock: ProvincialMock,
  body: unknown = RECORD,
  headers: Record<string, string> = { 'Idempotency-Key': KEY },
  init: RequestInit = {},
): Promise<Response> {
  return fetch(`${mock.url}/dossiers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
}

/** A reply's JSON, loosely typed: the assertions are the check. */
async function json(res: Response): Promise<any> {
  return res.json();
}

async function getJson(mock: ProvincialMock, path: string): Promise<any> {
  const res = await fetch(`${mock.url}${path}`);
  expect(res.status).toBe(200);
  return res.json();
}

async function control(mock: ProvincialMock, path: string, body: unknown): Promise<Response> {
  return fetch(`${mock.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
}

describe('provincial mock: storage', () => {
  it('stores a new key (201), refuses the same key again (409) and keeps the first body', async () => {
    const mock = await start();
    const first = await post(mock);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ received: KEY });

    const again = await post(mock, { ...RECORD, ChuHoSo: 'Someone else' });
    expect(again.status).toBe(409);
    expect((await json(again)).error.message).toBe('Mã khoá trùng lặp / Duplicate idempotency key');

    const stored = await getJson(mock, '/dossiers');
    expect(stored).toEqual([{ key: KEY, body: RECORD, receivedAt: expect.any(String), count: 2 }]);
    expect(await getJson(mock, '/stats')).toMatchObject({ stored: 1, duplicates: 1, requests: 2 });
    expect(mock.records()).toHaveLength(1);
  });

  it('keeps the two records of one dossier (received 2, returned 10) apart', async () => {
    const mock = await start();
    expect((await post(mock)).status).toBe(201);
    const returned = { ...RECORD, TrangThaiHoSo: 10 };
    expect((await post(mock, returned, { 'Idempotency-Key': `${RECORD.MaHoSo}:10` })).status).toBe(201);
    expect(mock.records().map((r) => r.key)).toEqual([KEY, `${RECORD.MaHoSo}:10`]);
  });

  it('answers the health check', async () => {
    const mock = await start();
    expect(await getJson(mock, '/health')).toEqual({ ok: true });
  });
});

describe('provincial mock: refusals change nothing', () => {
  it('400 on a missing, malformed or mismatched key', async () => {
    const mock = await start();
    const cases: Record<string, string>[] = [
      {},
      { 'Idempotency-Key': RECORD.MaHoSo },
      { 'Idempotency-Key': 'has space:2' },
      { 'Idempotency-Key': `${RECORD.MaHoSo}:10` },
    ];
    for (const headers of cases) {
      const res = await post(mock, RECORD, headers);
      expect(res.status).toBe(400);
      expect((await json(res)).error.code).toMatch(/^MOCK_(BAD_KEY|KEY_MISMATCH)$/);
    }
    expect(mock.records()).toEqual([]);
    expect(mock.stats()).toMatchObject({ stored: 0, rejected: 4, requests: 4 });
  });

  it('400 when the body is not a JSON object', async () => {
    const mock = await start();
    for (const body of ['not json', '[1,2]', 'null', '"text"', '']) {
      const res = await post(mock, body);
      expect(res.status).toBe(400);
      expect((await json(res)).error.code).toBe('MOCK_BAD_JSON');
    }
    expect(mock.records()).toEqual([]);
  });

  it('401 without the bearer token when one is set', async () => {
    const mock = await start({ token: 's3cret' });
    expect((await post(mock)).status).toBe(401);
    expect((await post(mock, RECORD, { 'Idempotency-Key': KEY, Authorization: 'Bearer wrong' })).status).toBe(
      401,
    );
    expect(mock.records()).toEqual([]);
    expect(
      (await post(mock, RECORD, { 'Idempotency-Key': KEY, Authorization: 'Bearer s3cret' })).status,
    ).toBe(201);
  });

  it('413 over 1 MiB, 404 on an unknown route, 405 on a wrong method, and keeps serving', async () => {
    const mock = await start();
    expect((await post(mock, { MaHoSo: RECORD.MaHoSo, big: 'x'.repeat(1_100_000) })).status).toBe(413);
    expect((await fetch(`${mock.url}/nowhere`)).status).toBe(404);
    expect((await fetch(`${mock.url}/stats`, { method: 'DELETE' })).status).toBe(405);
    expect((await post(mock)).status).toBe(201);
  });
});

describe('provincial mock: faults decide before storing', () => {
  it('errorRate 1 → 500/502/503 and nothing stored', async () => {
    const draws = [0, 0.1, 0, 0.5, 0, 0.9];
    const mock = await start({ errorRate: 1, random: () => draws.shift() ?? 0 });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await post(mock)).status);
    expect(statuses).toEqual([500, 502, 503]);
    expect(await getJson(mock, '/dossiers')).toEqual([]);
    expect(mock.stats().faults.error).toBe(3);
  });

  it('dropRate 1 → the request fails without a reply and nothing is stored', async () => {
    const mock = await start({ dropRate: 1 });
    await expect(post(mock)).rejects.toThrow(TypeError);
    expect(mock.records()).toEqual([]);
    expect(mock.stats().faults.drop).toBe(1);
  });

  it('rateLimitRate 1 → 429 with Retry-After', async () => {
    const mock = await start({ rateLimitRate: 1, retryAfterSeconds: 7 });
    const res = await post(mock);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(mock.records()).toEqual([]);
    expect(mock.stats().faults.rateLimited).toBe(1);
  });

  it('down via /_control → 503, then down:false → 201', async () => {
    const mock = await start();
    const set = await control(mock, '/_control', { down: true });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ down: true });
    expect((await post(mock)).status).toBe(503);
    expect(mock.records()).toEqual([]);
    expect((await control(mock, '/_control', { down: false })).status).toBe(200);
    expect((await post(mock)).status).toBe(201);
    expect(mock.stats().faults.outage).toBe(1);
  });

  it('an outage window in seconds since start → 503 inside it, 201 after it', async () => {
    let now = 1_000_000;
    const mock = await start({ outageFrom: 30, outageTo: 90, now: () => now });
    expect((await post(mock, RECORD, { 'Idempotency-Key': KEY })).status).toBe(201);
    now += 30_000;
    expect((await post(mock, { x: 1 }, { 'Idempotency-Key': 'A:2' })).status).toBe(503);
    now += 60_000;
    expect((await post(mock, { x: 1 }, { 'Idempotency-Key': 'A:2' })).status).toBe(201);
  });

  it('hangRate 1 with a small hangMs → the client sees the socket closed, nothing stored', async () => {
    const events: MockEvent[] = [];
    const mock = await start({ hangRate: 1, hangMs: 50, onEvent: (e) => events.push(e) });
    await expect(post(mock)).rejects.toThrow(TypeError);
    expect(mock.records()).toEqual([]);
    expect(events).toEqual([{ method: 'POST', path: '/dossiers', key: KEY, status: null, outcome: 'hang' }]);
  });

  it('a hang longer than the client timeout → the client times out; close() ends the hang', async () => {
    const mock = await start({ hangRate: 1, hangMs: 60_000 });
    await expect(
      post(mock, RECORD, { 'Idempotency-Key': KEY }, { signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow(/timeout|aborted/i);
    expect(mock.records()).toEqual([]);
  });

  it('failAfterStoreRate 1 → 500, but the record is stored and the retry gets 409', async () => {
    const mock = await start({ failAfterStoreRate: 1 });
    expect((await post(mock)).status).toBe(500);
    expect(await getJson(mock, '/dossiers')).toEqual([expect.objectContaining({ key: KEY, body: RECORD })]);
    expect((await post(mock)).status).toBe(409);
    expect(mock.stats()).toMatchObject({ stored: 1, duplicates: 1, faults: { failAfterStore: 1 } });
  });

  it("failAfterStoreMode 'drop' → no reply, but stored", async () => {
    const mock = await start({ failAfterStoreRate: 1, failAfterStoreMode: 'drop' });
    await expect(post(mock)).rejects.toThrow(TypeError);
    expect(mock.records().map((r) => r.key)).toEqual([KEY]);
  });

  it('latencyMs delays every reply: a client with a shorter timeout gives up; latency 0 answers at once', async () => {
    const mock = await start({ latencyMs: 60_000 });
    const slow = fetch(`${mock.url}/health`, { signal: AbortSignal.timeout(100) });
    await expect(slow).rejects.toThrow(/timeout|aborted/i);
    // /_control is never delayed, so the latency can always be switched off.
    expect((await control(mock, '/_control', { latencyMs: 0 })).status).toBe(200);
    expect((await post(mock)).status).toBe(201);
  });
});

describe('provincial mock: control', () => {
  it('refuses bad fault settings and changes nothing', async () => {
    const mock = await start();
    for (const body of [
      { errorRate: 2 },
      { nope: 1 },
      { outageFrom: 10 },
      { outageFrom: 9, outageTo: 3 },
      [1],
    ]) {
      const res = await control(mock, '/_control', body);
      expect(res.status).toBe(400);
      expect((await json(res)).error.code).toBe('MOCK_BAD_CONTROL');
    }
    expect(await getJson(mock, '/_control')).toMatchObject({ errorRate: 0, outageFrom: null, down: false });
    expect(() => mock.setFaults({ dropRate: -1 })).toThrow(/dropRate/);
  });

  it('reset forgets records and counts; faults stay', async () => {
    const mock = await start();
    mock.setFaults({ latencyMs: 1 });
    expect((await post(mock)).status).toBe(201);
    expect((await control(mock, '/_control/reset', {})).status).toBe(200);
    expect(await getJson(mock, '/dossiers')).toEqual([]);
    expect(await getJson(mock, '/stats')).toEqual({
      stored: 0,
      duplicates: 0,
      requests: 0,
      rejected: 0,
      faults: { error: 0, hang: 0, drop: 0, rateLimited: 0, outage: 0, failAfterStore: 0 },
      statuses: { held: 0, requests: 0, pushed: 0, pushFailed: 0 },
    });
    expect(mock.faults().latencyMs).toBe(1);
    expect((await post(mock)).status).toBe(201);
  });
});

describe('provincial mock: out file', () => {
  it('appends each new record, reloads them after a restart (so a re-send gets 409) and skips a torn line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'layso-provincial-mock-'));
    dirs.push(dir);
    const outFile = join(dir, 'dossiers.jsonl');

    const first = await start({ outFile });
    expect((await post(first)).status).toBe(201);
    expect((await post(first)).status).toBe(409);
    await first.close();
    const lines = readFileSync(outFile, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({ key: KEY, body: RECORD, receivedAt: expect.any(String) });
    // A crash mid-write leaves half a line.
    appendFileSync(outFile, '{"key":"B:2","bo');

    const second = await start({ outFile });
    expect(second.reloaded).toBe(1);
    expect(await getJson(second, '/stats')).toMatchObject({ stored: 1 });
    expect((await post(second)).status).toBe(409);
    expect(second.records()).toEqual([{ key: KEY, body: RECORD, receivedAt: expect.any(String), count: 2 }]);
    // A record stored after the torn line starts on a line of its own.
    expect((await post(second, { x: 1 }, { 'Idempotency-Key': 'C:10' })).status).toBe(201);
    await second.close();
    const third = await start({ outFile });
    expect(third.records().map((r) => r.key)).toEqual([KEY, 'C:10']);
  });
});
