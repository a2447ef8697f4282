/**
 * The province end to end (issue 20, Deliver 5): a real PostgreSQL, two hub processes behind a balancer, three
 * sites as real queue servers (child processes of the builds, `npm run build` first — `npm test` does). The sites
 * issue, call and finish through the HTTP API with citizens' intake while, in turn, one site is killed with a
 * batch in flight, another's link is cut and restored, PostgreSQL restarts under load and a hub process is killed.
 * Afterwards every fact is in the hub exactly once, the hub's day totals equal each site's own report, nothing
 * personal reached the hub, and revoked keys and forged batches are refused.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvince, type Province, type ProvinceSite } from '@layso/province-hub/demo';
import { login, type Session } from '@layso/queue-server/testing';
import { readCredentials } from './support/child.js';
import { api } from './support/http.js';

/** Intake typed at the kiosks: none of it may reach the hub. */
const CITIZEN = { fullName: 'Huỳnh Thị Kiểm Chứng', phone: '0912345678', idNumber: '086190012345' };
/** How long the province may take to settle after the faults (the sender's backoff is capped at 60 s). */
const SETTLE_MS = 150_000;

let dir = '';
let province: Province;
let db: pg.Pool;

interface SiteWork {
  site: ProvinceSite;
  officer: Session;
  counterId: number;
  serviceId: number;
  kioskToken: string;
  acknowledged: number[];
}

const work = new Map<string, SiteWork>();

/** Signs in the site's first demo officer at its counter (again after a restart) and finds a service it calls. */
async function prepare(site: ProvinceSite): Promise<SiteWork> {
  const credentials = readCredentials(site.dataDir);
  const server = { url: site.child.url, credentials };
  const officer = await login(server, 0);
  const counterId = credentials.officers[0]?.counterId ?? 0;
  const queue = await api(site.child.url, `/api/counters/${counterId}/queue`, { token: officer.token });
  expect(queue.status).toBe(200);
  const earlier = work.get(site.code)?.acknowledged ?? [];
  const w: SiteWork = {
    site,
    officer,
    counterId,
    serviceId: queue.body.counter.serviceIds[0] as number,
    kioskToken: credentials.kioskToken,
    acknowledged: earlier,
  };
  work.set(site.code, w);
  return w;
}

/** `n` citizens take a number with their intake; every other one is called and finished, one is a no-show. */
async function visits(w: SiteWork, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const t = await api(w.site.child.url, '/api/tickets', {
      token: w.kioskToken,
      body: { serviceId: w.serviceId, intake: { consent: true, ...CITIZEN } },
    });
    expect(t.status, JSON.stringify(t.body)).toBe(201);
    w.acknowledged.push(t.body.id as number);
  }
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    const call = await api(w.site.child.url, `/api/counters/${w.counterId}/call-next`, {
      token: w.officer.token,
      method: 'POST',
    });
    if (call.status === 204) break;
    expect(call.status, JSON.stringify(call.body)).toBe(200);
    const id = call.body.ticket.id as number;
    const end =
      i === 0
        ? await api(w.site.child.url, `/api/tickets/${id}/no-show`, {
            token: w.officer.token,
            method: 'POST',
          })
        : await api(w.site.child.url, `/api/tickets/${id}/finish`, {
            token: w.officer.token,
            body: { outcome: 'guidance' },
          });
    expect(end.status, JSON.stringify(end.body)).toBe(200);
  }
}

/** The site's link to the hub as its health shows it. */
async function hubLink(site: ProvinceSite) {
  const h = await api(site.child.url, '/api/health');
  return h.body.upstreams.hub as { backlog: number; acknowledgedSeq: number; stopped: string | null };
}

async function hubFacts(code: string): Promise<{ count: number; max: number; acknowledged: number }> {
  const { rows } = await db.query<{ count: string; max: string | null; acknowledged: string }>(
    `SELECT count(f.seq) AS count, max(f.seq) AS max, s.acknowledged_seq AS acknowledged
       FROM sites s LEFT JOIN facts f ON f.site_id = s.id WHERE s.code = $1 GROUP BY s.id`,
    [code],
  );
  const r = rows[0];
  return {
    count: Number(r?.count ?? 0),
    max: Number(r?.max ?? 0),
    acknowledged: Number(r?.acknowledged ?? 0),
  };
}

/** Waits until the site has nothing unsent and the hub holds exactly what it acknowledged. */
async function settled(site: ProvinceSite): Promise<number> {
  let seq = 0;
  await expect
    .poll(
      async () => {
        const link = await hubLink(site);
        seq = link.acknowledgedSeq;
        return link.backlog;
      },
      { timeout: SETTLE_MS, interval: 250 },
    )
    .toBe(0);
  return seq;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'layso-province-'));
  province = await startProvince({
    dir,
    durable: false,
    siteEnv: { KIOSK_ISSUE_RATE: 'off', LOG_LEVEL: 'warn' },
  });
  db = new pg.Pool({ connectionString: province.databaseUrl, max: 2 });
  db.on('error', () => {});
}, 120_000);

afterAll(async () => {
  await db?.end();
  await province?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('a province of three sites, through faults', () => {
  it('gets every fact exactly once, totals equal to each site, nothing personal', async () => {
    const [one, two, three] = province.sites as [ProvinceSite, ProvinceSite, ProvinceSite];
    for (const site of province.sites) await visits(await prepare(site), 6);
    for (const site of province.sites) await settled(site);

    // Site 2's link is cut: it keeps serving, its facts wait.
    two.link.cutLink();
    await visits(work.get(two.code) as SiteWork, 8);
    expect((await hubLink(two)).backlog).toBeGreaterThan(0);

    // Site 1 is killed in the middle of a batch: its link stalls, so the batch is caught in flight (sent, never
    // answered) when the kill lands; started again on its own database, it sends the batch again.
    one.link.stall();
    await visits(work.get(one.code) as SiteWork, 8);
    await expect.poll(() => one.link.stalledBytes, { timeout: 10_000 }).toBeGreaterThan(0);
    expect((await hubLink(one)).backlog).toBeGreaterThan(0);
    await one.child.kill('SIGKILL');
    one.link.restore();
    await one.restart();
    await prepare(one);

    // PostgreSQL restarts (as after a crash) while site 3 works: the hub answers 503, the site sends again.
    const during = visits(work.get(three.code) as SiteWork, 10);
    await province.cluster.stop('immediate');
    await province.cluster.start();
    await during;

    // A hub process dies; the balancer sends everything to the other.
    await province.hubs[0]?.kill('SIGKILL');
    await visits(work.get(one.code) as SiteWork, 4);
    two.link.restore();
    await province.restartHub(0);
    await visits(work.get(three.code) as SiteWork, 4);

    for (const site of province.sites) {
      const acknowledged = await settled(site);
      // Exactly once: the hub holds seqs 1..acknowledged of this site, each once (its key is (site, seq)).
      expect(await hubFacts(site.code)).toEqual({ count: acknowledged, max: acknowledged, acknowledged });
    }

    // The hub's day totals per service equal each site's own report of those days (a range: a run across
    // midnight spreads its facts over two Vietnam days).
    const { rows: days } = await db.query<{ first: string; last: string }>(
      "SELECT to_char(min(day), 'YYYY-MM-DD') AS first, to_char(max(day), 'YYYY-MM-DD') AS last FROM daily_totals",
    );
    const { first = '', last = '' } = days[0] ?? {};
    for (const site of province.sites) {
      const admin = await login({ url: site.child.url, credentials: readCredentials(site.dataDir) }, 'admin');
      const report = await api(site.child.url, `/api/reports?from=${first}&to=${last}`, {
        token: admin.token,
      });
      expect(report.status).toBe(200);
      const { rows } = await db.query<{ service: string; issued: number; served: number; no_show: number }>(
        `SELECT d.service_code AS service, sum(d.issued)::int AS issued, sum(d.served)::int AS served,
                sum(d.no_show)::int AS no_show
           FROM daily_totals d JOIN sites s ON s.id = d.site_id WHERE s.code = $1
          GROUP BY d.service_code ORDER BY d.service_code`,
        [site.code],
      );
      const mine = (
        report.body.byService as { code: string; issued: number; served: number; noShow: number }[]
      )
        .filter((s) => s.issued + s.served + s.noShow > 0)
        .map((s) => ({ service: s.code, issued: s.issued, served: s.served, no_show: s.noShow }))
        .sort((a, b) => a.service.localeCompare(b.service));
      expect(rows).toEqual(mine);
      expect(report.body.totals.issued).toBe(work.get(site.code)?.acknowledged.length);
    }

    // Nothing personal anywhere in the hub's database: every row of every table, as text.
    const { rows: tables } = await db.query<{ name: string }>(
      `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
        WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    expect(tables.length).toBeGreaterThan(5);
    for (const { name } of tables) {
      const { rows } = await db.query<{ text: string | null }>(
        `SELECT string_agg(t::text, ' ') AS text FROM ${name} t`,
      );
      const text = rows[0]?.text ?? '';
      for (const value of Object.values(CITIZEN)) expect(text, `${name} holds ${value}`).not.toContain(value);
    }
  });

  it('refuses a revoked key and forged batches', async () => {
    const [one, , three] = province.sites as [ProvinceSite, ProvinceSite, ProvinceSite];
    const fact = { seq: 1, at: new Date().toISOString(), kind: 'issued', ticket: '1001', service: 'TP' };
    const batch = (site: string) => ({ site, firstSeq: 1, lastSeq: 1, facts: [fact] });
    const post = (key: string, body: unknown) =>
      fetch(`${province.hubUrl}/api/hub/batches`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    // A made-up key, and a real site's code with a made-up secret.
    expect((await post('nobody.secret', batch('nobody'))).status).toBe(401);
    expect((await post(`${one.code}.AAAA`, batch(one.code))).status).toBe(401);
    // Site 1's real key sending in another site's name, or a batch whose seqs do not add up.
    const key = readFileSync(join(dir, 'keys', `${one.code}.key`), 'utf8').trim();
    expect((await post(key, batch(three.code))).status).toBe(403);
    expect((await post(key, { ...batch(one.code), lastSeq: 2 })).status).toBe(400);
    expect(
      (await post(key, { ...batch(one.code), facts: [{ ...fact, name: CITIZEN.fullName }] })).status,
    ).toBe(400);

    // The province admin revokes site 3 through the hub's API: its sender stops on the key, its facts wait.
    const signIn = await api(province.hubUrl, '/api/hub/auth/login', { body: province.admin });
    expect(signIn.status).toBe(200);
    const revoked = await api(province.hubUrl, `/api/hub/admin/sites/${three.code}/revoke`, {
      token: signIn.body.token,
      method: 'POST',
    });
    expect(revoked.status).toBe(200);
    const before = await hubFacts(three.code);
    // Sessions of the first test were signed out at its end.
    await visits(await prepare(three), 2);
    await expect.poll(async () => (await hubLink(three)).stopped, { timeout: 30_000 }).toBe('key');
    expect(await hubFacts(three.code)).toEqual(before);
    expect((await hubLink(three)).backlog).toBeGreaterThan(0);
  });
});
