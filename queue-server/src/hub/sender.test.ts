import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_BATCH_FACTS } from '@layso/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../db/open.js';
import { Store } from '../db/store.js';
import { toIso } from '../domain/time.js';
import { ManualClock } from '../testing/harness.js';
import { HubSender, type HubSenderOptions } from './sender.js';
import { startStandInHub, type StandInHub } from './stand-in-hub.js';

const SITE = 'xa-long-ho';
const KEY = `${SITE}.k3y-0123456789abcdef`;

let dir: string;
let store: Store;
let hub: StandInHub;
let clock: ManualClock;
const senders: HubSender[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'layso-hub-sender-'));
  store = new Store(openDatabase(join(dir, 'queue.db')));
  store.hub.join(SITE);
  clock = new ManualClock(new Date('2026-12-07T02:00:00Z'));
  hub = await startStandInHub({ site: SITE, key: KEY });
});
afterEach(async () => {
  await Promise.all(senders.splice(0).map((s) => s.stop()));
  await hub.close();
  store.db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A started sender on this store, quick to retry (the waits are the test's, not a province's). */
function sender(options: Partial<HubSenderOptions> = {}): HubSender {
  const s = new HubSender({
    repo: store.hub,
    transaction: (fn) => store.transaction(fn),
    clock,
    url: hub.url,
    siteKey: KEY,
    coalesceMs: 5,
    heartbeatMs: 60_000,
    backoff: { baseMs: 5, capMs: 40 },
    stoppedRetryMs: 60_000,
    timeoutMs: 2_000,
    random: () => 0.5,
    ...options,
  });
  senders.push(s);
  s.start();
  return s;
}

/** `n` issued tickets, each in its own transaction (as kiosks commit them), numbered from `from`. */
function issue(n: number, from = 1): void {
  for (let i = 0; i < n; i++) {
    store.transaction(() =>
      store.hub.record({
        kind: 'issued',
        at: toIso(clock.now()),
        ticket: String(1000 + from + i),
        service: 'TP',
      }),
    );
  }
}

const seqs = (h: StandInHub) => h.facts.map((f) => f.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('hub sender', () => {
  it('sends facts soon after their commit, in seq order, and drops what the hub acknowledged', async () => {
    sender();
    issue(3);
    await hub.until(() => hub.acknowledged === 3);
    issue(2, 4);
    await hub.until(() => hub.acknowledged === 5);
    expect(seqs(hub)).toEqual([1, 2, 3, 4, 5]);
    expect(hub.facts.map((f) => (f.kind === 'issued' ? f.ticket : ''))).toEqual([
      '1001',
      '1002',
      '1003',
      '1004',
      '1005',
    ]);
    await until(() => store.hub.backlog().count === 0);
    expect(store.hub.acknowledged().seq).toBe(5);
  });

  it('catches up a backlog of thousands in batches of at most 500, each fact once', async () => {
    issue(3_210);
    expect(store.hub.backlog().count).toBe(3_210);
    sender();
    await hub.until(() => hub.acknowledged === 3_210);
    expect(hub.batches.every((b) => b.size <= MAX_BATCH_FACTS)).toBe(true);
    expect(hub.batches.map((b) => b.firstSeq)).toEqual([1, 501, 1001, 1501, 2001, 2501, 3001]);
    expect(seqs(hub)).toEqual(range(1, 3_210));
    await until(() => store.hub.backlog().count === 0);
    // Seqs are never reused after the acknowledged rows went.
    issue(1);
    await hub.until(() => hub.acknowledged === 3_211);
  });

  it('a crash between the send and the acknowledgement resends; the hub keeps each fact once', async () => {
    issue(4);
    hub.mode = 'hang';
    const first = sender();
    await hub.until(() => hub.batches.length === 1);
    // The hub commits but its answer never reaches the site: the site stops (a crash) with the rows still held.
    hub.facts.push(...store.hub.oldest(10));
    hub.acknowledged = 4;
    await first.stop();
    expect(store.hub.backlog().count).toBe(4);
    hub.mode = 'ok';
    issue(2, 5);
    sender();
    await hub.until(() => hub.acknowledged === 6);
    expect(seqs(hub)).toEqual([1, 2, 3, 4, 5, 6]);
    // The resend overlapped what the hub had: it answered with the seq it expected, and the site went on from there.
    expect(hub.batches.map((b) => b.status)).toEqual([0, 409, 200]);
  });

  it('an acknowledgement lost on the wire is a failure: the resend is answered again, nothing stored twice', async () => {
    hub.mode = 'lose-ack';
    issue(3);
    const s = sender();
    await hub.until(() => hub.batches.length === 1);
    hub.mode = 'ok';
    await hub.until(() => hub.batches.length === 2);
    await until(() => store.hub.backlog().count === 0);
    expect(seqs(hub)).toEqual([1, 2, 3]);
    expect(hub.batches.map((b) => [b.firstSeq, b.lastSeq, b.status])).toEqual([
      [1, 3, 0],
      [1, 3, 200],
    ]);
    expect(s.health().state).toBe('up');
  });

  it('a hub that expects more than this site ever wrote stops the sender: nothing skipped, renumbered or dropped', async () => {
    issue(3);
    // A hub restored from elsewhere, or another site's history under this key.
    hub.acknowledged = 40;
    const s = sender();
    await until(() => s.health().stopped === 'gap');
    expect(store.hub.backlog().count).toBe(3);
    expect(s.health()).toMatchObject({ state: 'failing', stopped: 'gap' });
    expect(s.health().lastError).toMatch(/acknowledged 40/);
    expect(hub.facts).toEqual([]);
  });

  it('a hub that lost facts this site already dropped stops the sender too', async () => {
    issue(3);
    sender();
    await hub.until(() => hub.acknowledged === 3);
    await until(() => store.hub.backlog().count === 0);
    await Promise.all(senders.splice(0).map((x) => x.stop()));
    // The hub is restored from a backup older than those three facts.
    hub.facts.length = 0;
    hub.acknowledged = 0;
    issue(2, 4);
    const s = sender();
    await until(() => s.health().stopped === 'gap');
    expect(store.hub.oldest(10).map((f) => f.seq)).toEqual([4, 5]);
    expect(hub.facts).toEqual([]);
  });

  it('a revoked key stops sending and says so; the facts wait until the key works again', async () => {
    hub.mode = 'revoked';
    issue(2);
    const s = sender({ stoppedRetryMs: 30 });
    await until(() => s.health().stopped === 'key');
    expect(s.health()).toMatchObject({ state: 'failing', stopped: 'key' });
    expect(s.health().lastError).toMatch(/403/);
    expect(store.hub.backlog().count).toBe(2);
    hub.mode = 'ok';
    await hub.until(() => hub.acknowledged === 2);
    await until(() => s.health().stopped === null);
  });

  it('a fact the hub refuses (400) is kept in its place and reported', async () => {
    hub.mode = 'refuse';
    issue(2);
    const s = sender({ heartbeatMs: 10 });
    await until(() => s.health().stopped === 'refused');
    expect(s.health().lastError).toMatch(/400.*seq 1/);
    expect(store.hub.backlog().count).toBe(2);
    // Stuck, the site still says it lives and how much waits.
    await hub.until(() => hub.heartbeats.length >= 2);
    expect(hub.heartbeats.at(-1)).toMatchObject({ site: SITE, backlog: 2 });
    expect(hub.batches.length).toBe(1);
  });

  it('a held fact the protocol no longer takes stops the sender before anything is sent; it is kept', async () => {
    store.db
      .prepare("INSERT INTO hub_facts (at, kind, fact) VALUES (0, 'issued', ?)")
      .run(
        JSON.stringify({ kind: 'issued', at: '2026-12-07T09:00:00+07:00', ticket: 'số 1', service: 'TP' }),
      );
    const s = sender();
    await until(() => s.health().stopped === 'refused');
    expect(s.health().lastError).toMatch(/hub fact 1/);
    expect(hub.batches).toEqual([]);
    expect(store.hub.backlog().count).toBe(1);
  });

  it('a failing hub (503) is retried with a growing, capped backoff; it catches up once it answers', async () => {
    hub.mode = 'down';
    issue(2);
    const s = sender({ backoff: { baseMs: 2, capMs: 16 } });
    await until(() => s.health().consecutiveFailures >= 5);
    const h = s.health();
    expect(h.state).toBe('failing');
    expect(h.consecutiveFailures).toBeGreaterThanOrEqual(5);
    expect(h.lastError).toMatch(/503/);
    hub.mode = 'ok';
    await hub.until(() => hub.acknowledged === 2);
    await until(() => s.health().state === 'up');
    expect(s.health().consecutiveFailures).toBe(0);
  });

  it('a hub that never answers times out and is retried', async () => {
    hub.mode = 'hang';
    issue(1);
    const s = sender({ timeoutMs: 50 });
    await until(() => s.health().consecutiveFailures >= 1);
    expect(s.health().lastError).toMatch(/timeout/);
    hub.mode = 'ok';
    await hub.until(() => hub.acknowledged === 1);
  });

  it('an idle site sends a heartbeat with its backlog, again after each interval', async () => {
    sender({ heartbeatMs: 20 });
    await hub.until(() => hub.heartbeats.length >= 1);
    expect(hub.heartbeats[0]).toMatchObject({ site: SITE, backlog: 0, at: toIso(clock.now()) });
    await hub.until(() => hub.heartbeats.length >= 3);
  });

  it('a site clock that is wrong, even going backwards, changes nothing: the hub orders by seq', async () => {
    clock.set(new Date('2031-01-01T00:00:00Z'));
    issue(2);
    clock.set(new Date('2019-06-01T00:00:00Z'));
    issue(2, 3);
    sender();
    await hub.until(() => hub.acknowledged === 4);
    expect(seqs(hub)).toEqual([1, 2, 3, 4]);
    expect(hub.facts.map((f) => f.at.slice(0, 4))).toEqual(['2031', '2031', '2019', '2019']);
  });
});

/** Waits for a state of the site's side, reached once the sender has read the hub's answer. */
async function until(check: () => boolean): Promise<void> {
  await vi.waitFor(() => expect(check()).toBe(true), { timeout: 10_000, interval: 5 });
}
