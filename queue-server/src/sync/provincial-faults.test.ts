/**
 * The fault matrix of provincial delivery on a fake clock (issue 8): each failure kind, Retry-After, dead
 * letters, 409, manual retry, record order, and recovery after a long outage. The outbox is the real one (SQLite);
 * only the network is scripted, at the fetch boundary, so time can be moved by hours in milliseconds.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { vnInstant } from '../domain/time.js';
import { ProvincialSync, type ProvincialSyncOptions } from './provincial.js';
import { createSyncFixture, type SyncFixture } from './testing.js';

/** What the scripted province does with one request. */
type Act =
  | { status: number; retryAfter?: string }
  | 'hang' // never answers (our timeout ends it)
  | 'reset'; // the connection drops

interface Sent {
  at: number;
  key: string;
  code: string;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const START = vnInstant('2026-11-30', 8 * 60);

let f: SyncFixture;
let sent: Sent[];
let script: (request: Sent) => Act;
let inFlight = 0;
let maxInFlight = 0;

const fakeFetch: typeof fetch = async (_url, init) => {
  const body = JSON.parse(String(init?.body)) as { MaHoSo: string };
  const headers = init?.headers as Record<string, string>;
  const request: Sent = { at: Date.now(), key: headers['Idempotency-Key']!, code: body.MaHoSo };
  sent.push(request);
  inFlight += 1;
  maxInFlight = Math.max(maxInFlight, inFlight);
  try {
    const act = script(request);
    if (act === 'hang') {
      return await new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () =>
          reject(new DOMException('This operation was aborted', 'AbortError')),
        ),
      );
    }
    if (act === 'reset') {
      throw Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      });
    }
    return new Response('{}', {
      status: act.status,
      headers: act.retryAfter ? { 'Retry-After': act.retryAfter } : {},
    });
  } finally {
    inFlight -= 1;
  }
};

function worker(over: Partial<ProvincialSyncOptions> = {}): ProvincialSync {
  return new ProvincialSync({
    repo: f.repo,
    clock: { now: () => new Date() },
    url: 'http://province.test',
    fetchImpl: fakeFetch,
    timeoutMs: 10 * SECOND,
    random: () => 0.5,
    ...over,
  });
}

/** Moves the fake clock in small steps until `done()` holds; returns how long that took. */
async function until(done: () => boolean, limitMs = 60 * MINUTE, stepMs = 50): Promise<number> {
  const from = Date.now();
  while (!done()) {
    if (Date.now() - from > limitMs) throw new Error(`condition not met within ${limitMs} ms`);
    await vi.advanceTimersByTimeAsync(stepMs);
  }
  return Date.now() - from;
}

function finish(n: number, outcome: 'received' | 'returned' = 'received'): string {
  const code = `000.00.12.H61-261130-${String(n).padStart(4, '0')}`;
  f.finishDossier({ code, outcome });
  return code;
}

const state = () => f.repo.counts();
let sync: ProvincialSync | null = null;

beforeEach(() => {
  f = createSyncFixture(START);
  sent = [];
  inFlight = 0;
  maxInFlight = 0;
  script = () => ({ status: 201 });
});
afterEach(async () => {
  await sync?.stop();
  sync = null;
  vi.useRealTimers();
  f.close();
});

/** Finishes the given dossiers on the fixture's clock, then starts the fake clock just after them. */
function begin(over: Partial<ProvincialSyncOptions> = {}): ProvincialSync {
  vi.useFakeTimers({ now: f.clock.now().getTime() + SECOND });
  sync = worker(over);
  sync.start();
  return sync;
}

describe('each failure kind is retried; the province decides the pace, not each record', () => {
  const kinds: [string, Act, string, string][] = [
    ['HTTP 500', { status: 500 }, 'HTTP 500', 'http_5xx'],
    ['HTTP 502', { status: 502 }, 'HTTP 502', 'http_5xx'],
    ['HTTP 503', { status: 503 }, 'HTTP 503', 'http_5xx'],
    ['HTTP 408', { status: 408 }, 'HTTP 408', 'http_408'],
    ['a hang (timeout)', 'hang', 'timeout after 10000 ms', 'timeout'],
    ['a dropped connection', 'reset', 'network error: TypeError ECONNRESET', 'network'],
  ];
  it.each(kinds)(
    '%s: the record stays pending and goes on the next probe',
    async (_name, act, error, kind) => {
      const code = finish(1);
      let n = 0;
      script = () => (n++ === 0 ? act : { status: 201 });
      const s = begin();
      await until(() => sent.length === 1 && state().pending === 1 && f.repo.list()[0]!.attempts === 1);
      expect(f.repo.list()[0]).toMatchObject({ lastError: error, deadAt: null });
      expect(s.health()).toMatchObject({ state: 'failing', consecutiveFailures: 1, lastError: error });
      await until(() => state().delivered === 1);
      expect(sent.map((r) => r.key)).toEqual([`${code}:2`, `${code}:2`]);
      expect(s.stats().failures[kind as 'http_5xx']).toBe(1);
      expect(s.health().state).toBe('up');
    },
  );

  it('waits with full jitter between probes: never sooner than drawn, never longer than the cap', async () => {
    finish(1);
    script = () => ({ status: 503 });
    const draws = [0.9, 0.1, 0.99, 0.5, 0.0, 0.75, 0.3, 0.6, 0.2, 0.95];
    let i = 0;
    begin({ random: () => draws[i++ % draws.length]!, backoff: { baseMs: 500, capMs: 4_000 } });
    await until(() => sent.length >= 12, 10 * MINUTE, 10);
    const gaps = sent.slice(1).map((r, k) => r.at - sent[k]!.at);
    // Each failure draws twice (the province's wait, then the record's own wait on its first failure only).
    for (const g of gaps) expect(g).toBeLessThanOrEqual(4_000 + 10);
    expect(new Set(gaps).size).toBeGreaterThan(3);
    expect(maxInFlight).toBe(1);
  });

  it('429 waits at least Retry-After (seconds or a date), and it is not the record’s fault', async () => {
    finish(1);
    let n = 0;
    script = () => {
      n += 1;
      if (n === 1) return { status: 429, retryAfter: '30' };
      if (n === 2) return { status: 429, retryAfter: new Date(Date.now() + 45 * SECOND).toUTCString() };
      return { status: 201 };
    };
    const s = begin({ maxStrikes: 1 });
    await until(() => state().delivered === 1, 5 * MINUTE);
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(30 * SECOND);
    expect(sent[2]!.at - sent[1]!.at).toBeGreaterThanOrEqual(44 * SECOND);
    expect(s.stats().failures.http_429).toBe(2);
    // maxStrikes 1 would have buried it at its first own failure: 429 is the province's pace, not a strike.
    expect(f.repo.list()[0]).toMatchObject({ strikes: 0, attempts: 2, deadAt: null });
  });

  it('2xx and 409 are delivered; 409 counts as a duplicate the province already had', async () => {
    finish(1);
    finish(2);
    let n = 0;
    script = () => ({ status: n++ === 0 ? 200 : 409 });
    const s = begin();
    await until(() => state().delivered === 2);
    expect(s.stats().deliveries).toEqual({ created: 1, duplicate: 1 });
  });
});

describe('dead letters and manual retry', () => {
  it.each([400, 401, 403, 404, 413, 422])(
    'HTTP %i is final: a dead letter with the reason, and the others still go',
    async (status) => {
      const bad = finish(1);
      const good = finish(2);
      script = (r) => (r.code === bad ? { status } : { status: 201 });
      const s = begin();
      await until(() => state().delivered === 1 && state().dead === 1);
      expect(f.repo.list({ filter: 'dead' })[0]).toMatchObject({
        dossierCode: bad,
        deadReason: `HTTP ${status}`,
        attempts: 1,
      });
      expect(sent.map((r) => r.code)).toEqual([bad, good]);
      expect(s.stats().deadLetters.http_4xx).toBe(1);
      // It answered: the province is up, nothing waits for it.
      expect(s.health().state).toBe('up');
    },
  );

  it('a record the province keeps failing while it answers others dies after the attempts limit', async () => {
    const poison = finish(1);
    finish(2);
    script = (r) => (r.code === poison ? { status: 500 } : { status: 201 });
    const s = begin({ maxStrikes: 3 });
    // The center goes on finishing dossiers, which the province takes: the poison record's failures are its own.
    let n = 2;
    await until(() => {
      if (state().dead === 1) return true;
      if (state().pending <= 1) {
        finish(++n);
        s.wake();
      }
      return false;
    });
    const [dead] = f.repo.list({ filter: 'dead' });
    expect(dead).toMatchObject({ dossierCode: poison, deadReason: 'HTTP 500 (3 attempts)' });
    expect(s.stats().deadLetters.attempts).toBe(1);
    expect(state().delivered).toBe(n - 1);
  });

  it('alone and always failing, a record is an outage, not a dead letter: it is probed on', async () => {
    finish(1);
    script = () => ({ status: 500 });
    const lines: string[] = [];
    const note = (_f: object, m: string) => {
      if (m !== 'provincial sync run') lines.push(m);
    };
    const logger = { info: note, warn: note };
    const s = begin({ maxStrikes: 3, logger });
    await until(() => sent.length >= 20);
    expect(state()).toMatchObject({ pending: 1, dead: 0 });
    expect(s.health().state).toBe('failing');
    // One line when it starts failing for real (the third failure in a row), not one per probe.
    expect(lines).toEqual(['provincial sync: the province is failing']);
    script = () => ({ status: 201 });
    await until(() => state().delivered === 1);
    expect(lines.at(-1)).toBe('provincial sync: the province answers again');
  });

  it('a manual retry sends the dead letter again, then the records of its dossier held behind it', async () => {
    const code = finish(1, 'received');
    finish(1, 'returned');
    let reject = true;
    script = () => (reject ? { status: 422 } : { status: 201 });
    const s = begin();
    await until(() => state().dead === 1);
    // The returned record (status 10) waits behind its dossier's dead received record (status 2).
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    expect(sent.map((r) => r.key)).toEqual([`${code}:2`]);
    expect(state().pending).toBe(1);

    reject = false;
    const dead = f.repo.list({ filter: 'dead' })[0]!;
    expect(f.repo.retry(dead.id, new Date())).toBe(true);
    s.wake();
    await until(() => state().delivered === 2, 5 * SECOND, 1);
    expect(sent.map((r) => r.key)).toEqual([`${code}:2`, `${code}:2`, `${code}:10`]);
  });

  it('one dossier’s records never overtake each other, whatever fails', async () => {
    const codes = [1, 2, 3].map((n) => finish(n, 'received'));
    for (let n = 1; n <= 3; n += 1) finish(n, 'returned');
    let k = 0;
    script = () => (k++ % 2 === 0 ? { status: 503 } : { status: 201 });
    begin();
    await until(() => state().delivered === 6);
    for (const code of codes) {
      const delivered = sent.filter((r) => r.code === code);
      const firstReturned = delivered.findIndex((r) => r.key.endsWith(':10'));
      expect(delivered.slice(firstReturned).every((r) => r.key.endsWith(':10'))).toBe(true);
    }
  });
});

describe('recovery after a long outage', () => {
  it('nothing dies during 3 hours of outage; all goes out within seconds of the province returning', async () => {
    const codes = Array.from({ length: 40 }, (_v, i) => finish(i + 1));
    let down = true;
    script = () => (down ? { status: 503 } : { status: 201 });
    const s = begin({ maxStrikes: 3, random: Math.random });
    await vi.advanceTimersByTimeAsync(3 * 60 * MINUTE);
    expect(state()).toMatchObject({ pending: 40, dead: 0, delivered: 0 });
    // Probing went on (one request at a time, at most every 8 s, on average 4 s) without a storm.
    const during = sent.length;
    expect(during).toBeGreaterThan((3 * 60 * MINUTE) / (10 * SECOND));
    expect(during).toBeLessThan((3 * 60 * MINUTE) / (1 * SECOND));
    expect(maxInFlight).toBe(1);
    expect(s.health().state).toBe('failing');

    down = false;
    const recoveredAfter = await until(() => state().delivered === 40, MINUTE, 10);
    expect(recoveredAfter).toBeLessThanOrEqual(10 * SECOND);
    expect(new Set(sent.slice(during).map((r) => r.code))).toEqual(new Set(codes));
    expect(sent.slice(during)).toHaveLength(40);
  });

  it('a hanging province is probed one request at a time, and a stop ends the hang at once', async () => {
    finish(1);
    script = () => 'hang';
    const s = begin({ timeoutMs: 3 * SECOND });
    await until(() => sent.length >= 5, 5 * MINUTE);
    expect(maxInFlight).toBe(1);
    expect(f.repo.list()[0]!.lastError).toBe('timeout after 3000 ms');
    await s.stop();
    sync = null;
    expect(state()).toMatchObject({ pending: 1, dead: 0 });
  });
});
