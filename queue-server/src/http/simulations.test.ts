/**
 * What-if staffing over HTTP on the demo center (`/api/admin/simulation…`): roles, the setup from the bundled
 * profile and then from the center's own history, a run as a job that answers "two more counters for Tư pháp",
 * one run at a time, and refusals that leave nothing running.
 */
import { SimulationJob, SimulationSetup } from '@layso/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, startHarness, type Harness } from '../testing/harness.js';
import { issue, login } from '../testing/kit.js';
import { MIN_HISTORY_TICKETS } from '../app/simulations.js';
import { readBookingSettings, saveBookingSettings } from '../app/booking-settings.js';

const clock = new ManualClock(new Date('2026-03-09T08:00:00+07:00')); // a Monday
let h: Harness;
let admin: string;

/** Polls the job until it is no longer running; each poll lets the server run steps in between. */
async function finished(id: string): Promise<SimulationJob> {
  for (let polls = 0; polls < 10_000; polls += 1) {
    const r = await h.api(`/api/admin/simulations/${id}`, { token: admin });
    expect(r.status).toBe(200);
    const job = SimulationJob.parse(r.body);
    if (job.state !== 'running') return job;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`simulation ${id} still running after 10,000 polls`);
}

beforeAll(async () => {
  h = await startHarness({ clock });
  admin = (await login(h, 'admin')).token;
});
afterAll(() => h.close());

// Each run starts a worker thread: a second or more under tsx on a loaded machine.
describe('what-if staffing', { timeout: 60_000 }, () => {
  it('is for supervisors and admins only', async () => {
    const o = h.credentials.officers[0]!;
    const officer = (await login(h, o.username)).token;
    expect((await h.api('/api/admin/simulation', { token: officer })).status).toBe(403);
    expect((await h.api('/api/admin/simulation')).status).toBe(401);
    const post = await h.api('/api/admin/simulations', { token: officer, body: { weekday: 1 } });
    expect(post.status).toBe(403);
  });

  it("starts from today's counters and the bundled profile while there is no history", async () => {
    const r = await h.api('/api/admin/simulation', { token: admin });
    expect(r.status).toBe(200);
    const setup = SimulationSetup.parse(r.body);
    expect(setup.source).toBe('profile');
    expect(setup.historyTickets).toBe(0);
    const counters = h.store.counters.all().filter((c) => c.serviceIds.length > 0);
    expect(setup.current.counters.map((c) => c.number)).toEqual(counters.map((c) => c.number));
    expect(setup.services.map((s) => s.code)).toContain('TP');
    expect(setup.weekdays).toContain(1);

    // A counter added a moment ago is part of today's staffing at once.
    const tp = h.store.catalogue.services().find((x) => x.code === 'TP')!;
    h.store.counters.add(90, 'Quầy 90', [tp.id]);
    const again = SimulationSetup.parse((await h.api('/api/admin/simulation', { token: admin })).body);
    expect(again.current.counters.find((c) => c.number === 90)?.services).toEqual(['TP']);
  });

  it('answers "two more counters for Tư pháp on Monday mornings" with shorter waits for Tư pháp', async () => {
    const body = {
      weekday: 1,
      replications: 4,
      seed: 7,
      add: [{ services: ['TP'], count: 2, spans: [{ open: '07:00', close: '11:30' }] }],
    };
    const r = await h.api('/api/admin/simulations', { token: admin, body });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const started = SimulationJob.parse(r.body);
    expect(started).toMatchObject({ state: 'running', done: 0, total: 8, result: null });

    // One run at a time: a second one is refused while the first goes on.
    const busy = await h.api('/api/admin/simulations', { token: admin, body });
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('LAYSO_SIM_BUSY');

    const job = await finished(started.id);
    expect(job.error).toBeNull();
    expect(job.state).toBe('done');
    expect(job.done).toBe(8);
    const { a, b, difference } = job.result!;
    expect(b.counters.length).toBe(a.counters.length + 2);
    expect(b.plan).toContain('+2 TP 07:00–11:30');
    const tpA = a.services.find((s) => s.code === 'TP')!;
    const tpB = b.services.find((s) => s.code === 'TP')!;
    // The same arrivals on both sides (common random numbers): the same tickets, shorter waits with more counters.
    expect(tpB.issued).toBe(tpA.issued);
    expect(tpB.meanWait!).toBeLessThan(tpA.meanWait!);
    const d = difference.find((x) => x.code === 'TP')!;
    expect(d.meanWait!).toBeCloseTo(tpB.meanWait! - tpA.meanWait!, 6);
    expect(a.estimate.overall.n).toBeGreaterThan(0);

    // The finished job stays readable, and the same request gives the same answer (seeded).
    expect((await finished(started.id)).result).toEqual(job.result);
    const again = await h.api('/api/admin/simulations', { token: admin, body });
    expect(again.status).toBe(202);
    const second = await finished(again.body.id as string);
    expect(second.id).not.toBe(started.id);
    expect(second.result).toEqual(job.result);
  });

  it('answers "what if 30 % of Tư pháp is booked" with booked and walk-in waits apart', async () => {
    const body = { weekday: 1, replications: 3, seed: 7, booked: [{ service: 'tp', percent: 30 }] };
    const r = await h.api('/api/admin/simulations', { token: admin, body });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const job = await finished(r.body.id as string);
    expect(job.state, JSON.stringify(job.error)).toBe('done');
    const { a, b } = job.result!;
    expect(b.plan).toContain('30 % TP đặt lịch/booked');
    expect(b.counters).toEqual(a.counters.map((c) => ({ ...c, utilisation: expect.any(Number) })));
    const tpA = a.services.find((s) => s.code === 'TP')!;
    const tpB = b.services.find((s) => s.code === 'TP')!;
    expect(tpA.booked.issued).toBe(0);
    expect(tpA.walkIn.issued).toBe(tpA.issued);
    expect(tpB.booked.issued!).toBeGreaterThan(0);
    expect(tpB.booked.issued! + tpB.walkIn.issued!).toBeCloseTo(tpB.issued!, 9);
    expect(tpB.booked.meanWait!).toBeLessThan(tpB.walkIn.meanWait!);

    // The places are the center's booking settings': one a slot on Mondays within 08:00–16:00, the rest walks in.
    const tp = h.store.catalogue.services().find((s) => s.code === 'TP')!;
    const settings = readBookingSettings(h.store);
    saveBookingSettings(h.store, {
      ...settings,
      // The usual center's bookable hours (the demo's are round the clock).
      bookableFrom: '08:00',
      bookableUntil: '16:00',
      services: [
        ...settings.services.filter((s) => s.serviceId !== tp.id),
        { serviceId: tp.id, enabled: true, slotMinutes: 30, walkInSharePercent: 0, capacity: { '1': 1 } },
      ],
    });
    const few = await h.api('/api/admin/simulations', { token: admin, body });
    expect(few.status, JSON.stringify(few.body)).toBe(202);
    const fewB = (await finished(few.body.id as string)).result!.b.services.find((s) => s.code === 'TP')!;
    // 08:00–11:30 and 13:00–16:00 in half hours: 13 slots, one place each.
    expect(fewB.booked.issued!).toBeGreaterThan(0);
    expect(fewB.booked.issued!).toBeLessThanOrEqual(13);
    expect(fewB.booked.issued!).toBeLessThan(tpB.booked.issued!);
    saveBookingSettings(h.store, settings);
  });

  it('refuses a plan it cannot run, in both languages, and stays free for the next run', async () => {
    const cases: [unknown, number, string][] = [
      [{ weekday: 1, add: [{ services: ['KHONGCO'], count: 1 }] }, 400, 'LAYSO_SIM_PLAN_INVALID'],
      [{ weekday: 1, close: [999] }, 400, 'LAYSO_SIM_PLAN_INVALID'],
      [{ weekday: 8 }, 400, 'LAYSO_VALIDATION'],
      [{ weekday: 1, replications: 100_000 }, 400, 'LAYSO_VALIDATION'],
      [{ weekday: 1, replications: 101 }, 400, 'LAYSO_VALIDATION'],
      [{ weekday: 1, add: [1, 2, 3].map(() => ({ services: ['TP'], count: 20 })) }, 400, 'LAYSO_VALIDATION'],
      [
        { weekday: 1, add: [{ services: ['TP'], count: 1, spans: [{ open: '11:00', close: '08:00' }] }] },
        400,
        'LAYSO_VALIDATION',
      ],
      [{ weekday: 1, extra: true }, 400, 'LAYSO_VALIDATION'],
      [{ weekday: 1, booked: [{ service: 'TP', percent: 101 }] }, 400, 'LAYSO_VALIDATION'],
      [{ weekday: 1, booked: [{ service: 'KHONGCO', percent: 30 }] }, 400, 'LAYSO_SIM_PLAN_INVALID'],
      // 0 % booked changes nothing either.
      [{ weekday: 1, booked: [{ service: 'TP', percent: 0 }] }, 400, 'LAYSO_SIM_PLAN_INVALID'],
      // Questions with no answer: nothing changed, a day nobody comes, counters added outside working hours.
      [{ weekday: 1 }, 400, 'LAYSO_SIM_PLAN_INVALID'],
      [{ weekday: 7, add: [{ services: ['TP'], count: 1 }] }, 400, 'LAYSO_SIM_PLAN_INVALID'],
      [
        { weekday: 1, add: [{ services: ['TP'], count: 1, spans: [{ open: '18:00', close: '20:00' }] }] },
        400,
        'LAYSO_SIM_PLAN_INVALID',
      ],
    ];
    for (const [body, status, code] of cases) {
      const r = await h.api('/api/admin/simulations', { token: admin, body });
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.error.code).toBe(code);
      expect(r.body.error.message).toMatch(/ \/ /);
    }
    const all = h.store.counters.all().map((c) => c.number);
    const none = await h.api('/api/admin/simulations', { token: admin, body: { weekday: 1, close: all } });
    expect(none.status).toBe(400);
    expect(none.body.error.details.en).toBe('plan B has no counter left');

    expect((await h.api('/api/admin/simulations/not-a-uuid', { token: admin })).status).toBe(400);
    const gone = await h.api('/api/admin/simulations/00000000-0000-4000-8000-000000000000', { token: admin });
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('LAYSO_SIM_NOT_FOUND');

    const ok = await h.api('/api/admin/simulations', {
      token: admin,
      body: { weekday: 2, replications: 2, close: [1] },
    });
    expect(ok.status).toBe(202);
    expect((await finished(ok.body.id as string)).state).toBe('done');
  });

  it("learns from the center's own history once it has enough", async () => {
    // A busy past Monday: tickets issued, called and finished, then the clock moves to the next week (the model
    // is rebuilt after ten minutes at most).
    const o = h.credentials.officers[0]!;
    const officer = (await login(h, o.username)).token;
    const services = h.store.counters.byId(o.counterId)!.serviceIds;
    const issued: number[] = [];
    for (let i = 0; i < MIN_HISTORY_TICKETS; i += 1) {
      issued.push((await issue(h, services[i % services.length]!)).id);
      if (i % 30 === 0) clock.advance(60_000);
    }
    for (let i = 0; i < 20; i += 1) {
      const call = await h.api(`/api/counters/${o.counterId}/call-next`, { token: officer, method: 'POST' });
      expect(call.status).toBe(200);
      const id = call.body.ticket.id as number;
      expect((await h.api(`/api/tickets/${id}/start`, { token: officer, method: 'POST' })).status).toBe(200);
      clock.advance(5 * 60_000);
      const fin = await h.api(`/api/tickets/${id}/finish`, { token: officer, body: { outcome: 'guidance' } });
      expect(fin.status).toBe(200);
    }
    clock.set(new Date('2026-03-16T07:30:00+07:00'));
    // A week later the admin signs in again (sessions do not last a week).
    admin = (await login(h, 'admin')).token;
    const r = await h.api('/api/admin/simulation', { token: admin });
    expect(r.status).toBe(200);
    const setup = SimulationSetup.parse(r.body);
    expect(setup.source).toBe('history');
    expect(setup.historyTickets).toBe(MIN_HISTORY_TICKETS);
    expect(setup.weekdays).toEqual([1]);
    const run = await h.api('/api/admin/simulations', {
      token: admin,
      body: { weekday: 1, replications: 3, add: [{ services: [setup.services[0]!.code], count: 1 }] },
    });
    expect(run.status, JSON.stringify(run.body)).toBe(202);
    const job = await finished(run.body.id as string);
    expect(job.state, JSON.stringify(job.error)).toBe('done');
    // One busy Monday in eight weeks of Mondays: about an eighth of its tickets a simulated Monday.
    const perMonday = MIN_HISTORY_TICKETS / 8;
    expect(job.result!.a.total.issued!).toBeGreaterThan(perMonday / 2);
    expect(job.result!.a.total.issued!).toBeLessThan(perMonday * 2);
  });
});
