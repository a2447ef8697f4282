/**
 * The admin's view of provincial delivery and `/metrics`, against the real server and a real provincial
 * stand-in on 127.0.0.1 (issue 8): dead letters with reasons, manual retry (audited), health, counts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startProvincialMock, type ProvincialMock } from '../sync/provincial-mock.js';
import { startHarness, type Harness } from '../testing/harness.js';
import { issue, login } from '../testing/kit.js';

const PROVINCE_TOKEN = 'province-secret-token';
const METRICS_TOKEN = 'metrics-secret-token-123';
let h: Harness | null = null;
let province: ProvincialMock | null = null;

afterEach(async () => {
  await h?.close();
  await province?.close();
  h = null;
  province = null;
});

async function start(serverToken: string): Promise<Harness> {
  province = await startProvincialMock({ port: 0, token: PROVINCE_TOKEN });
  h = await startHarness({
    env: {
      PROVINCIAL_URL: province.url,
      ALLOW_HTTP_UPSTREAM: 'true',
      PROVINCIAL_TOKEN: serverToken,
      METRICS_TOKEN,
    },
  });
  return h;
}

/** An officer serves one walk-in and finishes it as a received dossier; returns the dossier code. */
async function finishDossier(h: Harness, n: number): Promise<string> {
  const o = h.credentials.officers[0]!;
  const { token } = await login(h, o.username);
  const serviceId = h.store.counters.byId(o.counterId)!.serviceIds[0]!;
  const issued = await issue(h, serviceId);
  const call = await h.api(`/api/counters/${o.counterId}/call-next`, { token, method: 'POST' });
  expect(call.body.ticket.id).toBe(issued.id);
  const code = `000.00.12.H61-261203-${String(n).padStart(4, '0')}`;
  const done = await h.api(`/api/tickets/${issued.id}/finish`, {
    token,
    body: { outcome: 'received', dossier: { code } },
  });
  expect(done.status).toBe(200);
  return code;
}

/**
 * Reads the admin's outbox view until `done` holds: after each request the stand-in answers (its events), and
 * then on each read, bounded by a deadline so a broken worker fails the test instead of hanging it.
 */
async function outboxUntil(h: Harness, token: string, done: (body: any) => boolean): Promise<any> {
  const deadline = Date.now() + 30_000;
  let last: any = null;
  while (Date.now() < deadline) {
    const r = await h.api('/api/admin/outbox', { token });
    expect(r.status).toBe(200);
    last = r.body;
    if (done(r.body)) return r.body;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the outbox never reached the expected state: ${JSON.stringify(last)}`);
}

describe('the admin outbox', () => {
  it('shows a refused record as a dead letter with its reason; an admin retries it, audited', async () => {
    const h = await start('a-wrong-token');
    const admin = (await login(h, 'admin')).token;
    const code = await finishDossier(h, 1);

    const dead = await outboxUntil(h, admin, (b) => b.counts.dead === 1);
    expect(dead).toMatchObject({
      pending: 0,
      counts: { pending: 0, delivered: 0, dead: 1 },
      oldestPendingAt: null,
      oldestPendingAgeSeconds: null,
      // It answered (401): the province is up; the record is what failed.
      province: { state: 'up', consecutiveFailures: 0 },
    });
    const [item] = dead.items;
    expect(item).toMatchObject({ dossierCode: code, state: 'dead', deadReason: 'HTTP 401', attempts: 1 });
    expect(province!.records()).toEqual([]);

    // Without a session nobody retries; unknown ids are 404.
    const anonymous = await h.api('/api/admin/outbox/retry-dead', { method: 'POST' });
    expect(anonymous.status).toBe(401);
    expect(
      (await h.api('/api/admin/outbox/999999/retry', { token: admin, method: 'POST' })).body.error.code,
    ).toBe('LAYSO_OUTBOX_NOT_FOUND');

    // The province's token is fixed (a new stand-in on the same port accepts ours): retry it.
    const port = province!.port;
    await province!.close();
    province = await startProvincialMock({ port, token: 'a-wrong-token' });
    const retried = await h.api(`/api/admin/outbox/${item.id}/retry`, { token: admin, method: 'POST' });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: item.id, state: 'pending', deadReason: null });
    const delivered = await outboxUntil(h, admin, (b) => b.counts.delivered === 1);
    expect(delivered.items[0]).toMatchObject({ state: 'delivered', attempts: 1 });
    expect(province.records().map((r) => r.key)).toEqual([`${code}:2`]);

    const again = await h.api(`/api/admin/outbox/${item.id}/retry`, { token: admin, method: 'POST' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('LAYSO_OUTBOX_NOT_DEAD');
    expect(again.body.error.message).toMatch(/ \/ /);
    expect((await h.api('/api/admin/outbox/retry-dead', { token: admin, method: 'POST' })).body).toEqual({
      retried: 0,
    });

    const audit = h.server.ctx.audit.list();
    expect(audit.map((a) => a.action)).toEqual(['outbox.retry-dead', 'outbox.retry']);
    expect(JSON.parse(audit[1]!.detail!)).toMatchObject({ outboxId: item.id, deadReason: 'HTTP 401' });
    expect(audit[1]!.userId).not.toBeNull();
  });

  it('shows a failing province, the waiting records and the age of the oldest', async () => {
    const h = await start(PROVINCE_TOKEN);
    province!.setFaults({ down: true });
    const admin = (await login(h, 'admin')).token;
    await finishDossier(h, 1);
    await finishDossier(h, 2);
    const failing = await outboxUntil(h, admin, (b) => b.province.state === 'failing');
    expect(failing.counts).toEqual({ pending: 2, delivered: 0, dead: 0 });
    expect(failing.oldestPendingAgeSeconds).toBeGreaterThanOrEqual(0);
    expect(failing.province.lastError).toBe('HTTP 503');
    expect(failing.items.every((i: any) => i.state === 'pending')).toBe(true);

    province!.setFaults({ down: false });
    const up = await outboxUntil(h, admin, (b) => b.counts.delivered === 2);
    expect(up.province.state).toBe('up');
    expect(province!.records()).toHaveLength(2);
  });
});

describe('/metrics', () => {
  it('localhost reads Prometheus text; elsewhere only with the monitoring token', async () => {
    const h = await start(PROVINCE_TOKEN);
    const admin = (await login(h, 'admin')).token;
    await finishDossier(h, 1);
    await outboxUntil(h, admin, (b) => b.counts.delivered === 1);

    const res = await fetch(`${h.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
    const text = await res.text();
    expect(text).toContain('layso_outbox_records{state="delivered"} 1');
    expect(text).toContain('layso_outbox_records{state="pending"} 0');
    expect(text).toContain('layso_outbox_oldest_pending_age_seconds 0');
    expect(text).toContain('layso_province_up 1');
    expect(text).toContain('layso_outbox_deliveries_total{result="created"} 1');
    expect(text).toContain('layso_calls_total{kind="call"} 1');
    expect(text).toMatch(/^layso_tickets_issued_today\{service="[^"]+"\} [1-9]/m);
    expect(text).toMatch(/^layso_tickets_waiting\{service="[^"]+"\} \d+$/m);
    // Every sample line is `name{labels} number`; nothing personal could be in it.
    for (const line of text
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('#'))) {
      expect(line).toMatch(/^[a-z_]+(\{[^}]*\})? -?\d+(\.\d+)?(e[-+]\d+)?$/);
    }

    const from = (headers: Record<string, string> = {}) =>
      h.server.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3', headers });
    expect((await from()).statusCode).toBe(401);
    expect((await from({ authorization: 'Bearer not-the-metrics-token' })).statusCode).toBe(403);
    const remote = await from({ authorization: `Bearer ${METRICS_TOKEN}` });
    expect(remote.statusCode).toBe(200);
    expect(remote.body).toContain('layso_outbox_records');
  });
});
