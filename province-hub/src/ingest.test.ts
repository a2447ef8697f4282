import type { HubFact } from '@layso/protocol';
import { describe, expect, it } from 'vitest';
import type { Hub } from './server.js';
import { revokeSite } from './sites.js';
import { testAccess } from './testing/access.js';
import { addSite, sendBatch as send, useHubs } from './testing/hub.js';

const NOW = new Date('2026-12-07T03:00:00Z');
const hubs = useHubs({ clock: () => NOW, access: testAccess() });
const site = (hub: Hub, code = 'phuong-1') => addSite(hub, code);

/** A day of one ticket per seq, cycling through what a ticket goes through. */
function fact(seq: number, at = '2026-12-07T09:00:00+07:00'): HubFact {
  const ticket = { seq, at, ticket: `A${String(seq).padStart(3, '0')}`, service: seq % 2 ? 'HT' : 'DD' };
  switch (seq % 5) {
    case 0:
      return { kind: 'issued', ...ticket };
    case 1:
      return {
        kind: 'finished',
        ...ticket,
        counter: 1,
        outcome: 'received',
        waitSeconds: seq,
        serviceSeconds: 60,
      };
    case 2:
      return { kind: 'no_show', ...ticket, counter: 2 };
    case 3:
      return { kind: 'cancelled', ...ticket };
    default:
      return { kind: 'counter', seq, at, counter: 3, status: 'open' };
  }
}

function batch(first: number, n: number, code = 'phuong-1', at?: (seq: number) => string) {
  const facts = Array.from({ length: n }, (_, i) => fact(first + i, at?.(first + i)));
  return { site: code, firstSeq: first, lastSeq: first + n - 1, facts };
}

async function count(hub: Hub, sql: string): Promise<number> {
  const { rows } = await hub.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`);
  return Number(rows[0]?.n);
}

async function stored(hub: Hub): Promise<{ facts: number; batches: number; totals: number; ack: number }> {
  const { rows } = await hub.pool.query<{ ack: string }>('SELECT acknowledged_seq AS ack FROM sites');
  return {
    facts: await count(hub, 'facts'),
    batches: await count(hub, 'site_batches'),
    totals: await count(hub, 'daily_totals'),
    ack: Math.max(0, ...rows.map((r) => Number(r.ack))),
  };
}

describe("the hub takes a site's batch", () => {
  it("stores it in the month's partition, sums the day and acknowledges only what committed", async () => {
    const hub = await hubs.start();
    const key = await site(hub);
    const sent = batch(1, 20);
    expect(await send(hub, key, sent)).toEqual({ status: 200, body: { acknowledged: 20 } });
    expect(await count(hub, 'facts_2026_12')).toBe(20);
    const { rows } = await hub.pool.query(
      `SELECT service_code, issued, served, no_show, cancelled, wait_sum_seconds, wait_count, wait_max_seconds
         FROM daily_totals WHERE day = '2026-12-07' ORDER BY service_code`,
    );
    // Expected from the facts themselves, per service.
    const expected = ['DD', 'HT'].map((service) => {
      const of = sent.facts.filter((f) => 'service' in f && f.service === service);
      const finished = of.flatMap((f) => (f.kind === 'finished' ? [f.waitSeconds] : []));
      return {
        service_code: service,
        issued: of.filter((f) => f.kind === 'issued').length,
        served: finished.length,
        no_show: of.filter((f) => f.kind === 'no_show').length,
        cancelled: of.filter((f) => f.kind === 'cancelled').length,
        wait_sum_seconds: String(finished.reduce((a, b) => a + b, 0)),
        wait_count: finished.length,
        wait_max_seconds: Math.max(0, ...finished),
      };
    });
    expect(rows).toEqual(expected);
    const seen = await hub.pool.query('SELECT last_seen_at, acknowledged_seq FROM sites');
    expect(seen.rows).toEqual([{ last_seen_at: NOW, acknowledged_seq: '20' }]);
    // The next batch adds to the same day's totals.
    expect((await send(hub, key, batch(21, 5))).body).toEqual({ acknowledged: 25 });
    const sum = await hub.pool.query<{ n: string }>(
      'SELECT sum(issued + served + no_show + cancelled) AS n FROM daily_totals',
    );
    expect(Number(sum.rows[0]?.n)).toBe(20);
  });

  it('a batch sent again is acknowledged the same and stored once', async () => {
    const hub = await hubs.start();
    const key = await site(hub);
    await send(hub, key, batch(1, 10));
    await send(hub, key, batch(11, 10));
    const before = await stored(hub);
    expect(await send(hub, key, batch(1, 10))).toEqual({ status: 200, body: { acknowledged: 20 } });
    expect(await send(hub, key, batch(11, 10))).toEqual({ status: 200, body: { acknowledged: 20 } });
    expect(await stored(hub)).toEqual(before);
    expect(before).toMatchObject({ facts: 20, batches: 2, ack: 20 });
  });

  it('a batch that skips seqs is refused 409 with the seq expected, nothing stored', async () => {
    const hub = await hubs.start();
    const key = await site(hub);
    const gap = await send(hub, key, batch(2, 5));
    expect(gap.status).toBe(409);
    expect(gap.body.error).toMatchObject({ code: 'LAYSO_HUB_SEQ_GAP', details: { expected: 1 } });
    expect(gap.body.error.message).toMatch(/ \/ /);
    await send(hub, key, batch(1, 5));
    // Overlapping the acknowledged end is a gap too: the site resends from the seq expected.
    const overlap = await send(hub, key, batch(4, 5));
    expect(overlap.body.error).toMatchObject({ code: 'LAYSO_HUB_SEQ_GAP', details: { expected: 6 } });
    expect(await stored(hub)).toMatchObject({ facts: 5, batches: 1, ack: 5 });
  });

  it('refuses a wrong key 401 and a revoked one 403, storing nothing', async () => {
    const hub = await hubs.start();
    const key = await site(hub);
    const other = await site(hub, 'xa-2');
    for (const wrong of ['nope', `phuong-1.${'A'.repeat(43)}`, `${key}x`, 'khong-co.abc']) {
      const r = await send(hub, wrong, batch(1, 3));
      expect([r.status, r.body.error.code]).toEqual([401, 'LAYSO_HUB_SITE_KEY']);
    }
    const none = await fetch(`${hub.url}/api/hub/batches`, { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    // Another site's valid key cannot send this site's batch.
    const mismatch = await send(hub, other, batch(1, 3));
    expect([mismatch.status, mismatch.body.error.code]).toEqual([403, 'LAYSO_HUB_SITE_MISMATCH']);
    expect(await revokeSite(hub.pool, 'phuong-1')).toBe(true);
    const revoked = await send(hub, key, batch(1, 3));
    expect([revoked.status, revoked.body.error.code]).toEqual([403, 'LAYSO_HUB_SITE_REVOKED']);
    expect(await stored(hub)).toMatchObject({ facts: 0, batches: 0, totals: 0, ack: 0 });
    // A new key lifts it; the old one stays refused.
    const renewed = await site(hub);
    expect((await send(hub, key, batch(1, 3))).status).toBe(401);
    expect((await send(hub, renewed, batch(1, 3))).body).toEqual({ acknowledged: 3 });
  });

  it('refuses malformed batches 400 with the error shape, never 500, storing nothing', async () => {
    const hub = await hubs.start();
    const key = await site(hub);
    const good = batch(1, 3);
    const withName = { ...good, facts: [{ ...good.facts[0], name: 'Nguyễn Văn A' }, ...good.facts.slice(1)] };
    const bad: unknown[] = [
      { ...good, facts: [fact(1), fact(3), fact(4)], lastSeq: 4 },
      { ...good, lastSeq: 4 },
      batch(1, 501),
      { ...good, facts: [{ ...good.facts[0], kind: 'chat' }, ...good.facts.slice(1)] },
      withName,
      { ...good, facts: [] },
      { ...good, site: undefined },
      [],
      'null',
    ];
    for (const body of bad) {
      const r = await send(hub, key, body);
      expect([r.status, r.body.error.code]).toEqual([400, 'LAYSO_VALIDATION']);
      expect(r.body.error.message).toBe('Dữ liệu không hợp lệ / Invalid input');
    }
    const notJson = await send(hub, key, '{"site": ');
    expect([notJson.status, notJson.body.error.code]).toEqual([400, 'LAYSO_BAD_JSON']);
    expect(await stored(hub)).toMatchObject({ facts: 0, batches: 0, totals: 0, ack: 0 });
  });

  it('a database error answers 503 and leaves nothing half stored', async () => {
    const hub = await hubs.start();
    const key = await site(hub);
    // The day totals' table refusing writes fails the batch after its facts were inserted: all of it rolls back.
    await hub.pool.query(
      "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$",
    );
    await hub.pool.query(
      'CREATE TRIGGER refuse BEFORE INSERT ON daily_totals FOR EACH ROW EXECUTE FUNCTION refuse()',
    );
    const r = await send(hub, key, batch(1, 10));
    expect([r.status, r.body.error.code]).toEqual([503, 'LAYSO_HUB_UNAVAILABLE']);
    expect(await stored(hub)).toMatchObject({ facts: 0, batches: 0, totals: 0, ack: 0 });
    await hub.pool.query('DROP TRIGGER refuse ON daily_totals');
    expect((await send(hub, key, batch(1, 10))).body).toEqual({ acknowledged: 10 });
  });

  it('two batches of one site at once: stored once, acknowledged consistently', async () => {
    const hub = await hubs.start();
    const key = await site(hub);
    // The same batch twice at once (a retry racing the original): one stores it, the other finds it acknowledged.
    const same = await Promise.all([send(hub, key, batch(1, 50)), send(hub, key, batch(1, 50))]);
    expect(same.map((r) => r.body)).toEqual([{ acknowledged: 50 }, { acknowledged: 50 }]);
    // Two consecutive batches at once: the second is stored after the first, or refused as a gap — never both lost.
    const next = await Promise.all([send(hub, key, batch(51, 50)), send(hub, key, batch(101, 50))]);
    const [a, b] = next;
    expect(a?.body).toEqual({ acknowledged: 100 });
    if (b?.status === 200) expect(b.body).toEqual({ acknowledged: 150 });
    // Refused as a gap: after the first (expecting 101), or before it, when it was first to take the lock (51).
    else {
      expect(b?.body.error.code).toBe('LAYSO_HUB_SEQ_GAP');
      expect([51, 101]).toContain(b?.body.error.details.expected);
    }
    const ack = b?.status === 200 ? 150 : 100;
    expect(await stored(hub)).toMatchObject({ facts: ack, batches: ack / 50, ack });
    const seqs = await hub.pool.query('SELECT count(DISTINCT seq) AS n, max(seq) AS top FROM facts');
    expect(seqs.rows).toEqual([{ n: String(ack), top: String(ack) }]);
  });

  it("facts across a month boundary land in two partitions, and their days by Vietnam's time", async () => {
    const hub = await hubs.start();
    const key = await site(hub);
    // 30/11 23:30 in Hà Nội is still November; 30/11 17:30 UTC is already 1/12 there.
    const at = (seq: number) => (seq <= 2 ? '2026-11-30T23:30:00+07:00' : '2026-11-30T17:30:00Z');
    expect((await send(hub, key, batch(1, 4, 'phuong-1', at))).body).toEqual({ acknowledged: 4 });
    expect(await count(hub, 'facts_2026_11')).toBe(2);
    expect(await count(hub, 'facts_2026_12')).toBe(2);
    const days = await hub.pool.query(
      "SELECT seq, to_char(day, 'YYYY-MM-DD') AS day FROM facts ORDER BY seq",
    );
    expect(days.rows.map((r) => r.day)).toEqual(['2026-11-30', '2026-11-30', '2026-12-01', '2026-12-01']);
  });
});
