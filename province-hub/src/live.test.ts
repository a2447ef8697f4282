import type { HubFact, HubOverview, HubSiteFloor } from '@layso/protocol';
import { describe, expect, it } from 'vitest';
import type { HubViewer } from './access.js';
import { foldFacts } from './live.js';
import type { Hub } from './server.js';
import { revokeSite } from './sites.js';
import { testAccess } from './testing/access.js';
import { addSite as join, request, useHubs } from './testing/hub.js';

const T0 = Date.parse('2026-12-07T03:00:00Z'); // 10:00 in Vietnam
const min = 60_000;
let now = T0;

const PROVINCE: HubViewer = { userId: 1, username: 'tinh', role: 'province_viewer', siteIds: null };
const viewers: Record<string, HubViewer> = { 'tok-province': PROVINCE };

const hubs = useHubs({ clock: () => new Date(now), access: testAccess(viewers) });

/** Builds a site's facts in order, each `at` on the site's own clock (`skew` ms off the hub's). */
function siteLog(code: string, skew = 0) {
  let seq = 0;
  let clock = skew;
  const at = (offsetMs = 0) => new Date(now + clock + offsetMs).toISOString();
  const facts: HubFact[] = [];
  const add = (f: HubFact) => (facts.push(f), f);
  return {
    code,
    facts,
    at,
    /** The site's clock is set to another time from now on. */
    setSkew: (ms: number) => void (clock = ms),
    issued: (ticket: string, service = 'HT') =>
      add({ kind: 'issued', seq: ++seq, at: at(), ticket, service }),
    called: (ticket: string, counter: number, service = 'HT') =>
      add({ kind: 'called', seq: ++seq, at: at(), ticket, service, counter }),
    finished: (ticket: string, counter: number, service = 'HT') =>
      add({
        kind: 'finished',
        seq: ++seq,
        at: at(),
        ticket,
        service,
        counter,
        outcome: 'received',
        waitSeconds: 60,
        serviceSeconds: 120,
      }),
    transferred: (ticket: string, counter: number, toService: string, toTicket: string) =>
      add({ kind: 'transferred', seq: ++seq, at: at(), ticket, service: 'HT', counter, toService, toTicket }),
    rating: (ticket: string, counter: number, rating: 'very-satisfied' | 'satisfied' | 'unsatisfied') =>
      add({ kind: 'rating', seq: ++seq, at: at(), ticket, service: 'HT', counter, rating }),
    counter: (counter: number, status: 'open' | 'paused' | 'closed') =>
      add({ kind: 'counter', seq: ++seq, at: at(), counter, status }),
    fault: (cleared: boolean) =>
      add({
        kind: 'fault',
        seq: ++seq,
        at: at(),
        device: 'printer',
        deviceId: 1,
        code: 'paper_out',
        cleared,
      }),
    /** The facts added since the last batch, as one batch. */
    batch(): { site: string; firstSeq: number; lastSeq: number; facts: HubFact[] } {
      const sent = facts.splice(0);
      return { site: code, firstSeq: sent[0]?.seq ?? 0, lastSeq: sent.at(-1)?.seq ?? 0, facts: sent };
    },
  };
}

const post = (hub: Hub, path: string, key: string, body: unknown) =>
  request(hub, 'POST', path, { body, token: key });

const get = <T>(hub: Hub, path: string, token = 'tok-province'): Promise<{ status: number; body: T }> =>
  request(hub, 'GET', path, { token });

async function overview(hub: Hub, query = ''): Promise<HubOverview> {
  const r = await get<HubOverview>(hub, `/api/hub/overview${query}`);
  expect(r.status).toBe(200);
  return r.body;
}

const row = async (hub: Hub, code: string) => (await overview(hub)).rows.find((r) => r.code === code);

describe("a batch's net effect", () => {
  const at = '2026-12-07T09:00:00+07:00';
  it('ends with one change per ticket, counter and fault, whatever happened between', () => {
    const fold = foldFacts(
      [
        { kind: 'issued', seq: 1, at, ticket: 'A001', service: 'HT' },
        { kind: 'called', seq: 2, at, ticket: 'A001', service: 'HT', counter: 3 },
        { kind: 'recalled', seq: 3, at, ticket: 'A001', service: 'HT', counter: 3 },
        { kind: 'no_show', seq: 4, at, ticket: 'A001', service: 'HT', counter: 3 },
        { kind: 'fault', seq: 5, at, device: 'printer', deviceId: 1, code: 'paper_out', cleared: false },
        { kind: 'fault', seq: 6, at, device: 'printer', deviceId: 1, code: 'paper_out', cleared: true },
        // Called in an earlier batch: cleared from its counter only if still the number shown there.
        {
          kind: 'finished',
          seq: 7,
          at,
          ticket: 'B009',
          service: 'DD',
          counter: 4,
          outcome: 'guidance',
          waitSeconds: 1,
          serviceSeconds: 2,
        },
      ],
      null,
    );
    expect([...fold.tickets.values()].map((t) => [t.ticket, t.gone])).toEqual([
      ['A001', true],
      ['B009', true],
    ]);
    expect(fold.counters.get(3)).toEqual({ status: null, current: null, clearIf: null });
    expect(fold.counters.get(4)).toEqual({ status: null, current: undefined, clearIf: 'B009' });
    expect([...fold.faults.values()].map((f) => f.cleared)).toEqual([true]);
  });

  it("leaves out tickets of a day before the site's current one (a backlog arriving late)", () => {
    const fold = foldFacts([{ kind: 'issued', seq: 1, at, ticket: 'A001', service: 'HT' }], '2026-12-08');
    expect(fold.tickets.size).toBe(0);
    expect(fold.newestDay).toBe('2026-12-08');
  });
});

describe('live state from facts', () => {
  it('counts waiting, counters, served, satisfaction and faults of the day; a resend changes nothing', async () => {
    now = T0;
    const hub = await hubs.start();
    const key = await join(hub, 'phuong-1');
    const log = siteLog('phuong-1');
    log.counter(1, 'open');
    log.counter(2, 'open');
    log.issued('A001');
    log.issued('A002');
    log.issued('B001', 'DD');
    log.called('A001', 1);
    log.fault(false);
    const first = log.batch();
    expect((await post(hub, '/api/hub/batches', key, first)).status).toBe(200);
    now += 5 * min;
    log.finished('A001', 1);
    log.rating('A001', 1, 'very-satisfied');
    log.called('A002', 2);
    log.finished('A002', 2);
    log.rating('A002', 2, 'unsatisfied');
    log.counter(2, 'paused');
    const second = log.batch();
    expect((await post(hub, '/api/hub/batches', key, second)).status).toBe(200);

    const seen = await row(hub, 'phuong-1');
    expect(seen).toMatchObject({
      day: '2026-12-07',
      waiting: 1,
      longestWaitSeconds: 300,
      openCounters: 1,
      servedToday: 2,
      ratingsToday: 2,
      satisfiedPercent: 50,
      openFaults: 1,
      stale: false,
    });
    const floor = await get<HubSiteFloor>(hub, '/api/hub/sites/phuong-1/floor');
    expect(floor.status).toBe(200);
    expect(floor.body.counters).toEqual([
      { counter: 1, status: 'open', currentNumber: null },
      { counter: 2, status: 'paused', currentNumber: null },
    ]);
    expect(floor.body.services).toEqual([{ service: 'DD', waiting: 1, called: 0, longestWaitSeconds: 300 }]);

    // Sent again (its acknowledgement lost): acknowledged, and the live state is as it was.
    const before = await overview(hub);
    expect((await post(hub, '/api/hub/batches', key, second)).body).toEqual({ acknowledged: second.lastSeq });
    expect(await overview(hub)).toEqual(before);

    // The printer's fault cleared; a call in flight shows its number at the counter.
    log.fault(true);
    log.issued('A003');
    log.called('A003', 1);
    await post(hub, '/api/hub/batches', key, log.batch());
    expect(await row(hub, 'phuong-1')).toMatchObject({ openFaults: 0, waiting: 1 });
    const after = await get<HubSiteFloor>(hub, '/api/hub/sites/phuong-1/floor');
    expect(after.body.counters[0]).toEqual({ counter: 1, status: 'open', currentNumber: 'A003' });
  });

  it('marks a site silent past three minutes as stale, and a heartbeat brings it back with its backlog', async () => {
    now = T0;
    const hub = await hubs.start();
    const key = await join(hub, 'xa-a');
    await join(hub, 'xa-never');
    const log = siteLog('xa-a');
    log.issued('A001');
    await post(hub, '/api/hub/batches', key, log.batch());
    expect(await row(hub, 'xa-a')).toMatchObject({ stale: false, waiting: 1 });
    expect(await row(hub, 'xa-never')).toMatchObject({ stale: true, lastHeardAt: null });

    now += 3 * min + 1000;
    // Silent: flagged, and sorted before the calm ones whatever its figures say.
    const silent = await overview(hub);
    expect(silent.rows.map((r) => [r.code, r.stale])).toEqual([
      ['xa-a', true],
      ['xa-never', true],
    ]);

    const beat = await post(hub, '/api/hub/heartbeat', key, { site: 'xa-a', backlog: 42, at: log.at() });
    expect(beat).toEqual({ status: 200, body: { acknowledged: 1 } });
    expect(await row(hub, 'xa-a')).toMatchObject({
      stale: false,
      backlog: 42,
      lastHeardAt: new Date(now).toISOString(),
    });
  });

  it('refuses a heartbeat without a valid key, or for another site', async () => {
    now = T0;
    const hub = await hubs.start();
    const key = await join(hub, 'xa-b');
    const body = { site: 'xa-b', backlog: 0, at: new Date(now).toISOString() };
    const wrong = await post(hub, '/api/hub/heartbeat', `${key}x`, body);
    expect([wrong.status, (wrong.body.error as { code: string }).code]).toEqual([401, 'LAYSO_HUB_SITE_KEY']);
    const other = await post(hub, '/api/hub/heartbeat', key, { ...body, site: 'xa-c' });
    expect((other.body.error as { code: string }).code).toBe('LAYSO_HUB_SITE_MISMATCH');
    const bad = await post(hub, '/api/hub/heartbeat', key, { ...body, backlog: -1 });
    expect(bad.status).toBe(400);
  });

  it.each([
    ['an hour slow', -60 * min],
    ['an hour fast', 60 * min],
  ])('is not fooled by a site clock %s: the longest wait is the real one', async (_, skew) => {
    now = T0;
    const hub = await hubs.start();
    const key = await join(hub, 'xa-lech');
    const log = siteLog('xa-lech', skew);
    await post(hub, '/api/hub/heartbeat', key, { site: 'xa-lech', backlog: 0, at: log.at() });
    log.issued('A001');
    await post(hub, '/api/hub/batches', key, log.batch());
    now += 10 * min;
    await post(hub, '/api/hub/heartbeat', key, { site: 'xa-lech', backlog: 0, at: log.at() });
    expect((await row(hub, 'xa-lech'))?.longestWaitSeconds).toBe(600);
  });

  it('filters by commune, sorts by the worst wait, and shows a site viewer only its sites', async () => {
    now = T0;
    const hub = await hubs.start();
    const keys = {
      a: await join(hub, 'xa-a', 'Xã An Bình'),
      b: await join(hub, 'xa-b', 'Xã Bình Phú'),
    };
    const a = siteLog('xa-a');
    a.issued('A001');
    await post(hub, '/api/hub/batches', keys.a, a.batch());
    now += 2 * min;
    const b = siteLog('xa-b');
    b.issued('A001');
    await post(hub, '/api/hub/batches', keys.b, b.batch());
    await post(hub, '/api/hub/heartbeat', keys.a, { site: 'xa-a', backlog: 0, at: a.at() });
    expect((await overview(hub)).rows.map((r) => r.code)).toEqual(['xa-a', 'xa-b']);
    expect((await overview(hub, '?commune=X%C3%A3%20B%C3%ACnh%20Ph%C3%BA')).rows.map((r) => r.code)).toEqual([
      'xa-b',
    ]);

    const siteB = (await row(hub, 'xa-b'))?.siteId ?? 0;
    viewers['tok-b'] = { userId: 2, username: 'b', role: 'site_viewer', siteIds: [siteB] };
    const mine = await get<HubOverview>(hub, '/api/hub/overview', 'tok-b');
    expect(mine.body.rows.map((r) => r.code)).toEqual(['xa-b']);
    expect(mine.body.communes).toEqual(['Xã Bình Phú']);
    expect((await get(hub, '/api/hub/sites/xa-a/floor', 'tok-b')).status).toBe(404);
    expect((await get(hub, '/api/hub/sites/xa-b/floor', 'tok-b')).status).toBe(200);
    expect((await get(hub, '/api/hub/overview', 'nobody')).status).toBe(401);
  });

  it("drops yesterday's queue and counter numbers when the site's day moves on, and follows a transfer and a finish across batches", async () => {
    now = T0;
    const hub = await hubs.start();
    const key = await join(hub, 'xa-ngay');
    const log = siteLog('xa-ngay');
    log.issued('A001');
    log.issued('A002');
    log.called('A002', 1);
    await post(hub, '/api/hub/batches', key, log.batch());
    // Transferred at counter 1 (its number leaves the counter) and waits again, in another service, under the
    // number it has there.
    log.transferred('A002', 1, 'DD', 'D001');
    await post(hub, '/api/hub/batches', key, log.batch());
    log.called('A001', 2);
    await post(hub, '/api/hub/batches', key, log.batch());
    let floor = (await get<HubSiteFloor>(hub, '/api/hub/sites/xa-ngay/floor')).body;
    expect(floor.counters).toEqual([
      { counter: 1, status: 'open', currentNumber: null },
      { counter: 2, status: 'open', currentNumber: 'A001' },
    ]);
    expect(floor.services.map((s) => [s.service, s.waiting, s.called])).toEqual([
      ['DD', 1, 0],
      ['HT', 0, 1],
    ]);
    // Called and finished under its new number: it leaves the queue (no citizen left waiting for ever).
    log.called('D001', 3, 'DD');
    await post(hub, '/api/hub/batches', key, log.batch());
    floor = (await get<HubSiteFloor>(hub, '/api/hub/sites/xa-ngay/floor')).body;
    expect(floor.services.map((s) => [s.service, s.waiting, s.called])).toEqual([
      ['DD', 0, 1],
      ['HT', 0, 1],
    ]);
    log.finished('D001', 3, 'DD');
    await post(hub, '/api/hub/batches', key, log.batch());
    expect(await row(hub, 'xa-ngay')).toMatchObject({ waiting: 0 });
    // Issued, called and transferred in one batch: the row made moves to its new number at once.
    log.issued('A003');
    log.called('A003', 1);
    log.transferred('A003', 1, 'DD', 'D002');
    await post(hub, '/api/hub/batches', key, log.batch());
    floor = (await get<HubSiteFloor>(hub, '/api/hub/sites/xa-ngay/floor')).body;
    expect(floor.services.find((s) => s.service === 'DD')).toMatchObject({ waiting: 1 });
    expect(await row(hub, 'xa-ngay')).toMatchObject({ waiting: 1 });

    // The next morning: a heartbeat on the site's clock turns its day; yesterday's tickets no longer wait.
    now = T0 + 24 * 60 * min;
    await post(hub, '/api/hub/heartbeat', key, { site: 'xa-ngay', backlog: 0, at: log.at() });
    expect(await row(hub, 'xa-ngay')).toMatchObject({ day: '2026-12-08', waiting: 0, servedToday: 0 });
    floor = (await get<HubSiteFloor>(hub, '/api/hub/sites/xa-ngay/floor')).body;
    expect(floor.services).toEqual([]);
    expect(floor.counters.map((c) => c.currentNumber)).toEqual([null, null, null]);
  });

  it('keeps following a site whose clock jumped a day ahead and was set right again', async () => {
    now = T0;
    const hub = await hubs.start();
    const key = await join(hub, 'xa-dong-ho');
    const log = siteLog('xa-dong-ho');
    log.setSkew(24 * 60 * min);
    log.issued('A001');
    await post(hub, '/api/hub/batches', key, log.batch());
    await post(hub, '/api/hub/heartbeat', key, { site: 'xa-dong-ho', backlog: 0, at: log.at() });
    log.setSkew(0);
    log.issued('A002');
    log.issued('A003');
    await post(hub, '/api/hub/batches', key, log.batch());
    expect(await row(hub, 'xa-dong-ho')).toMatchObject({ waiting: 2 });
  });

  it('refuses a heartbeat of a revoked site', async () => {
    now = T0;
    const hub = await hubs.start();
    const key = await join(hub, 'xa-thu-hoi');
    await revokeSite(hub.pool, 'xa-thu-hoi');
    const r = await post(hub, '/api/hub/heartbeat', key, {
      site: 'xa-thu-hoi',
      backlog: 0,
      at: new Date(now).toISOString(),
    });
    expect([r.status, (r.body.error as { code: string }).code]).toEqual([403, 'LAYSO_HUB_SITE_REVOKED']);
  });
});

describe('the screens', () => {
  it('are served at / with the security headers, or a page saying to build them', async () => {
    now = T0;
    const hub = await hubs.start();
    const r = await fetch(`${hub.url}/`);
    expect([200, 503]).toContain(r.status);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
