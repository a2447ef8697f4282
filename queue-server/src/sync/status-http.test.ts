/**
 * The HTTP status adapter against the real stand-in on 127.0.0.1 (its statuses, faults and token), and the
 * stand-in's statuses themselves: 2 at receipt, 9 after `readyAfterSeconds` on its injected clock (no sleeps),
 * the control call, 10 when the returned record arrives, statuses rebuilt from the out file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startProvincialMock, type ProvincialMock, type ProvincialMockOptions } from './provincial-mock.js';
import { HttpStatusAdapter, statusAdapterFromConfig } from './status-http.js';
import { NO_PROVINCE, StatusUnavailable } from './status.js';

const CODE = '000.00.12.H62-261207-0001';
const RECEIVED_AT = Date.parse('2026-12-07T03:00:00Z'); // 10:00 in Vietnam

let open: ProvincialMock[] = [];
let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(open.map((m) => m.close()));
  open = [];
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

async function start(options: ProvincialMockOptions = {}): Promise<ProvincialMock> {
  const mock = await startProvincialMock({ port: 0, ...options });
  open.push(mock);
  return mock;
}

function receive(mock: ProvincialMock, status = 2, token?: string): Promise<Response> {
  const body = {
    MaHoSo: CODE,
    TrangThaiHoSo: status,
    NgayHenTra: '20261210170000',
    ChuHoSo: 'Nguyễn Thị Mai',
  };
  return fetch(`${mock.url}/dossiers`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': `${CODE}:${status}`,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

function control(mock: ProvincialMock, code: string, body: unknown): Promise<Response> {
  return fetch(`${mock.url}/_control/dossiers/${code}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const unavailable = (p: Promise<unknown>) => expect(p).rejects.toBeInstanceOf(StatusUnavailable);

describe('HttpStatusAdapter against the stand-in', () => {
  it('reads a received dossier at status 2 with its appointment; an unknown code is null', async () => {
    const mock = await start({ token: 's3cret' });
    expect((await receive(mock, 2, 's3cret')).status).toBe(201);
    const adapter = new HttpStatusAdapter({ url: `${mock.url}/`, token: 's3cret' });
    expect(await adapter.fetchStatus(CODE)).toEqual({
      MaHoSo: CODE,
      TrangThaiHoSo: 2,
      NgayHenTra: '20261210170000',
      NgayCoKetQua: null,
      NoiTraKetQua: null,
      LyDo: null,
    });
    expect(await adapter.fetchStatus('000.00.12.H62-261207-0999')).toBeNull();
    // Without the token the province refuses: nothing to learn now.
    await unavailable(new HttpStatusAdapter({ url: mock.url }).fetchStatus(CODE));
    expect(mock.stats().statuses.requests).toBe(3);
  });

  it.each([
    ['5xx', { errorRate: 1 }],
    ['429', { rateLimitRate: 1 }],
    ['an outage', { down: true }],
    ['a dropped connection', { dropRate: 1 }],
  ] as const)('is unavailable on %s', async (_name, faults) => {
    const mock = await start();
    await receive(mock);
    mock.setFaults(faults);
    await unavailable(new HttpStatusAdapter({ url: mock.url }).fetchStatus(CODE));
  });

  it('is unavailable when the province hangs past the timeout, or the caller gives up first', async () => {
    const mock = await start();
    await receive(mock);
    mock.setFaults({ hangRate: 1, hangMs: 60_000 });
    const adapter = new HttpStatusAdapter({ url: mock.url, timeoutMs: 100 });
    await expect(adapter.fetchStatus(CODE)).rejects.toThrow(/timeout after 100 ms/);
    const caller = new AbortController();
    const slow = new HttpStatusAdapter({ url: mock.url, timeoutMs: 60_000 }).fetchStatus(CODE, caller.signal);
    caller.abort();
    await expect(slow).rejects.toThrow(/aborted/);
    expect(mock.stats().faults.hang).toBeGreaterThanOrEqual(1);
  });

  it('is unavailable when nothing listens', async () => {
    const mock = await start();
    const url = mock.url;
    await mock.close();
    await unavailable(new HttpStatusAdapter({ url }).fetchStatus(CODE));
  });

  it('takes no reply that is not a status of the code asked', async () => {
    const reply = (body: string, status = 200) =>
      new HttpStatusAdapter({
        url: 'http://province.test',
        fetchImpl: async () => new Response(body, { status }),
      });
    await unavailable(reply('not json').fetchStatus(CODE));
    await unavailable(reply(JSON.stringify({ MaHoSo: CODE, TrangThaiHoSo: 42 })).fetchStatus(CODE));
    const other = { MaHoSo: '000.00.12.H62-261207-0002', TrangThaiHoSo: 9, NgayHenTra: null };
    await unavailable(reply(JSON.stringify(other)).fetchStatus(CODE));
    await unavailable(reply('{}', 302).fetchStatus(CODE));
  });

  it('is the HTTP adapter with PROVINCIAL_URL, no province without', () => {
    const base = { PROVINCIAL_TOKEN: undefined, PROVINCIAL_TIMEOUT_SECONDS: 10 };
    expect(statusAdapterFromConfig({ ...base, PROVINCIAL_URL: undefined })).toBe(NO_PROVINCE);
    expect(statusAdapterFromConfig({ ...base, PROVINCIAL_URL: 'https://x.test' })).toBeInstanceOf(
      HttpStatusAdapter,
    );
  });
});

describe('the stand-in keeps a status per dossier', () => {
  it('moves a received dossier to 9 after readyAfterSeconds on its own clock', async () => {
    let now = RECEIVED_AT;
    const mock = await start({ now: () => now, readyAfterSeconds: 3600 });
    await receive(mock);
    const adapter = new HttpStatusAdapter({ url: mock.url });
    now += 3599_000;
    expect((await adapter.fetchStatus(CODE))?.TrangThaiHoSo).toBe(2);
    // Read ten minutes after it fell due: ready at 11:00 in Vietnam, an hour after receipt.
    now += 601_000;
    expect(await adapter.fetchStatus(CODE)).toMatchObject({
      TrangThaiHoSo: 9,
      NgayCoKetQua: '20261207110000',
    });
  });

  it('moves nothing on without readyAfterSeconds; sweep() applies what fell due', async () => {
    let now = RECEIVED_AT;
    const idle = await start({ now: () => now });
    await receive(idle);
    now += 365 * 24 * 3600_000;
    expect(idle.statuses.sweep()).toBe(0);
    expect(idle.statuses.read(CODE)?.TrangThaiHoSo).toBe(2);

    const timed = await start({ now: () => now, readyAfterSeconds: 60 });
    await receive(timed);
    expect(timed.statuses.sweep()).toBe(0);
    now += 60_000;
    expect(timed.statuses.sweep()).toBe(1);
    expect(timed.statuses.sweep()).toBe(0);
  });

  it('moves a dossier by the control call, and takes the returned record as 10', async () => {
    const mock = await start({ now: () => RECEIVED_AT, readyAfterSeconds: 0 });
    await receive(mock);
    const supplement = await control(mock, CODE, {
      TrangThaiHoSo: 5,
      LyDo: 'Bổ sung bản sao giấy khai sinh',
    });
    expect(supplement.status).toBe(200);
    // A supplement asked is not moved on by the ready timer.
    const adapter = new HttpStatusAdapter({ url: mock.url });
    expect(await adapter.fetchStatus(CODE)).toMatchObject({
      TrangThaiHoSo: 5,
      LyDo: 'Bổ sung bản sao giấy khai sinh',
    });
    const ready = await control(mock, CODE, {
      TrangThaiHoSo: 9,
      NoiTraKetQua: 'Quầy 3',
      NgayHenTra: '20261211170000',
    });
    expect(await ready.json()).toMatchObject({
      TrangThaiHoSo: 9,
      LyDo: null,
      NoiTraKetQua: 'Quầy 3',
      NgayCoKetQua: '20261207100000',
      NgayHenTra: '20261211170000',
    });
    // Back to a supplement: the result is gone with it.
    const back = await control(mock, CODE, { TrangThaiHoSo: 5 });
    expect(await back.json()).toMatchObject({ TrangThaiHoSo: 5, NgayCoKetQua: null, LyDo: null });
    expect((await receive(mock, 10)).status).toBe(201);
    expect((await adapter.fetchStatus(CODE))?.TrangThaiHoSo).toBe(10);
    // A code it never received is created (a dossier of another channel), a bad move refused.
    expect((await control(mock, '000.00.12.H62-261207-0002', { TrangThaiHoSo: 4 })).status).toBe(200);
    expect(mock.statuses.size()).toBe(2);
    expect((await control(mock, CODE, { TrangThaiHoSo: 11 })).status).toBe(400);
    expect((await control(mock, CODE, { TrangThaiHoSo: 9, extra: 1 })).status).toBe(400);
    expect((await control(mock, CODE, '{')).status).toBe(400);
    expect((await fetch(`${mock.url}/dossiers/${CODE}`, { method: 'DELETE' })).status).toBe(405);
    // Reset forgets statuses too.
    await fetch(`${mock.url}/_control/reset`, { method: 'POST' });
    expect(await adapter.fetchStatus(CODE)).toBeNull();
  });

  it('rebuilds statuses from the out file after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'layso-mock-'));
    dirs.push(dir);
    const outFile = join(dir, 'records.jsonl');
    const first = await start({ outFile });
    await receive(first);
    await first.close();
    const again = await start({ outFile, readyAfterSeconds: 0 });
    expect(again.reloaded).toBe(1);
    expect((await new HttpStatusAdapter({ url: again.url }).fetchStatus(CODE))?.TrangThaiHoSo).toBe(9);
  });
});
