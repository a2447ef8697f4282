import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedSmallCenter } from '../testing/center.js';
import { startHarness, type Harness } from '../testing/harness.js';
import { issue, login } from '../testing/kit.js';
import { startStandInHub, type StandInHub } from './stand-in-hub.js';

const SITE = 'phuong-1-vinh-long';
const KEY = `${SITE}.s3cret-0123456789abcdef`;
const INTAKE = {
  consent: true,
  fullName: 'Trần Văn Phúc',
  phone: '0987654321',
  idNumber: '086201009876',
} as const;

let hub: StandInHub;
let site: Harness;

beforeAll(async () => {
  hub = await startStandInHub({ site: SITE, key: KEY });
  site = await startHarness({
    seed: seedSmallCenter,
    env: { HUB_URL: hub.url, HUB_SITE_KEY: KEY, ALLOW_HTTP_UPSTREAM: 'true' },
  });
});
afterAll(async () => {
  await site?.close();
  await hub?.close();
});

describe('a site joined to a hub', () => {
  it('sends what happens at the counters, nothing personal, and shows the link in /api/health and /metrics', async () => {
    const services = (await site.api('/api/services')).body as { id: number; code: string }[];
    const tp = services.find((s) => s.code === 'TP');
    if (!tp) throw new Error('no TP service');
    const officer = await login(site, 1);
    const ticket = await issue(site, tp.id, { intake: INTAKE });
    const call = await site.api(`/api/counters/${officer.counterId}/call-next`, {
      method: 'POST',
      token: officer.token,
    });
    expect(call.status).toBe(200);
    await hub.until(() => hub.facts.some((f) => f.kind === 'called'));
    expect(hub.facts.map((f) => f.kind)).toEqual(['counter', 'issued', 'called']);
    expect(hub.facts[1]).toMatchObject({ kind: 'issued', ticket: ticket.number, service: 'TP' });

    // Nothing of the intake reached the hub, nor waits in the site's outbox.
    const sent = JSON.stringify(hub.facts);
    const held = JSON.stringify(site.store.db.prepare('SELECT * FROM hub_facts').all());
    for (const value of [INTAKE.fullName, INTAKE.phone, INTAKE.idNumber, INTAKE.idNumber.slice(-4)]) {
      expect(sent).not.toContain(value);
      expect(held).not.toContain(value);
    }

    // The hub answered; the site drops what it acknowledged once it has read that answer.
    await vi.waitFor(() => expect(site.store.hub.backlog().count).toBe(0));
    const health = await site.api('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.upstreams.hub).toMatchObject({ state: 'up', stopped: null, lastError: null });
    expect(health.body.upstreams.hub.acknowledgedSeq).toBeGreaterThanOrEqual(3);
    expect(health.body.upstreams.province.state).toBe('off');
    const metrics = await fetch(`${site.url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/^layso_hub_up 1$/m);
    expect(metrics).toMatch(/^layso_hub_acknowledged_seq [1-9]\d*$/m);
  });
});

describe('a site whose key is revoked', () => {
  it('keeps its facts, says why in /api/health and alerts the supervisors on the floor', async () => {
    hub.mode = 'revoked';
    const services = (await site.api('/api/services')).body as { id: number }[];
    const first = services[0];
    if (!first) throw new Error('no service');
    await issue(site, first.id);
    await vi.waitFor(async () => {
      const health = await site.api('/api/health');
      // The ticket, and the counter closed when the first test's officer signed out.
      expect(health.body.upstreams.hub).toMatchObject({ state: 'failing', stopped: 'key', backlog: 2 });
      expect(health.body.upstreams.hub.lastError).toMatch(/403/);
    });
    const alert = site.server.ctx.floor.state().alerts.find((a) => a.kind === 'hub');
    expect(alert).toMatchObject({ severity: 'danger' });
    expect(alert?.vi).toMatch(/thu hồi/);
    expect(alert?.en).toMatch(/HUB_SITE_KEY/);
  });
});

describe('a site not joined', () => {
  it('records nothing and shows the hub as off', async () => {
    const alone = await startHarness({ seed: seedSmallCenter });
    try {
      const services = (await alone.api('/api/services')).body as { id: number }[];
      const first = services[0];
      if (!first) throw new Error('no service');
      await issue(alone, first.id);
      expect(alone.store.hub.backlog().count).toBe(0);
      const health = await alone.api('/api/health');
      expect(health.body.upstreams.hub).toMatchObject({ state: 'off', backlog: 0, acknowledgedSeq: 0 });
    } finally {
      await alone.close();
    }
  });
});
