/**
 * The dossier after the counter over HTTP (issue 18): the real server on port 0 (small center, AGENCY_ID set) with
 * a fake province that answers, is down, or hangs until the lookup gives up on it.
 */
import type { ProvincialStatus } from '@layso/protocol';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { toIso } from '../domain/time.js';
import { seedSmallCenter } from '../testing/center.js';
import { startHarness, type Harness } from '../testing/harness.js';
import { issue, login } from '../testing/kit.js';
import { StatusUnavailable, type ProvincialStatusAdapter } from '../sync/status.js';

const AGENCY = '000.00.12.H62';
const code = (n: number) => `${AGENCY}-261201-${String(n).padStart(4, '0')}`;
const ID_NUMBER = '079123456789';
const PHONE = '0912345678';

/** A province the test steers: answers from `statuses`, is down, or hangs until the caller aborts. */
class FakeProvince implements ProvincialStatusAdapter {
  mode: 'answer' | 'down' | 'hang' = 'down';
  readonly statuses = new Map<string, ProvincialStatus>();
  asked = 0;
  aborted = 0;

  fetchStatus(c: string, signal?: AbortSignal): Promise<ProvincialStatus | null> {
    this.asked += 1;
    if (this.mode === 'down') return Promise.reject(new StatusUnavailable('down'));
    if (this.mode === 'answer') return Promise.resolve(this.statuses.get(c) ?? null);
    return new Promise((_resolve, reject) => {
      signal?.addEventListener('abort', () => {
        this.aborted += 1;
        reject(new StatusUnavailable('aborted'));
      });
    });
  }
}

async function start(env: Record<string, string> = {}): Promise<{ h: Harness; province: FakeProvince }> {
  const province = new FakeProvince();
  const h = await startHarness({
    seed: seedSmallCenter,
    env: { AGENCY_ID: AGENCY, ...env },
    provincialStatus: province,
  });
  onTestFinished(() => h.close());
  return { h, province };
}

const serviceId = (h: Harness, c: string): number => {
  const s = h.store.catalogue.serviceByCode(c);
  if (!s) throw new Error(`no service ${c}`);
  return s.id;
};

/** A citizen with consented intake is received at counter 2 (TP) with dossier `dossierCode`. */
async function receive(h: Harness, dossierCode: string, appointmentAt = '2099-01-01T17:00:00+07:00') {
  const officer = await login(h, 1);
  const t = await issue(h, serviceId(h, 'TP'), {
    intake: { consent: true, fullName: 'Nguyễn Văn A', idNumber: ID_NUMBER, phone: PHONE },
  });
  const call = await h.api(`/api/counters/${officer.counterId}/call-next`, {
    token: officer.token,
    method: 'POST',
  });
  expect(call.body.ticket.id).toBe(t.id);
  const done = await h.api(`/api/tickets/${t.id}/finish`, {
    token: officer.token,
    body: { outcome: 'received', dossier: { code: dossierCode, appointmentAt } },
  });
  expect(done.status).toBe(200);
  return { officer, ticketId: t.id };
}

const lookup = (h: Harness, c: string, proof: string) =>
  h.api('/api/kiosk/dossiers/lookup', { token: h.credentials.kioskToken, body: { code: c, proof } });
const publicLookup = (h: Harness, c: string, proof: string) =>
  h.api('/api/public/dossiers/lookup', { body: { code: c, proof } });

describe('a citizen looks a dossier up', () => {
  it('with the last 4 digits of the ID or phone: the state from the province, fresh, and the ticket to take', async () => {
    const { h, province } = await start();
    await receive(h, code(1));
    province.mode = 'answer';
    province.statuses.set(code(1), {
      MaHoSo: code(1),
      TrangThaiHoSo: 9,
      NgayHenTra: '20990101170000',
      NgayCoKetQua: '20261203100000',
      NoiTraKetQua: 'Quầy 2',
    });
    const byId = await lookup(h, code(1), '6789');
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({
      code: code(1),
      state: 'ready',
      status: 9,
      fresh: true,
      returnPlace: 'Quầy 2',
      resultReadyAt: '2026-12-03T10:00:00.000+07:00',
      ticketServiceId: serviceId(h, 'TP'),
    });
    // The phone's digits prove it as well, on the phone page too; the returns service takes over once set.
    const settings = h.server.ctx.settings;
    settings.save({ ...settings.get(), returnsServiceId: serviceId(h, 'CA') });
    const byPhone = await publicLookup(h, code(1), '5678');
    expect(byPhone.body).toMatchObject({ state: 'ready', ticketServiceId: serviceId(h, 'CA') });
    // The province's word is in the register now.
    expect(h.store.dossiers.byCode(code(1))).toMatchObject({ status: 9, statusSource: 'pull' });
  });

  it('a wrong proof and an unknown code of this center answer the very same no_match', async () => {
    const { h, province } = await start();
    await receive(h, code(1));
    province.mode = 'answer';
    const wrong = await lookup(h, code(1), '1234');
    const unknown = await lookup(h, code(2), '6789');
    expect(wrong.status).toBe(200);
    expect(wrong.body).toMatchObject({
      state: 'no_match',
      status: null,
      appointmentAt: null,
      learntAt: null,
    });
    expect({ ...unknown.body, code: code(1) }).toEqual(wrong.body);
    // Both were asked of the province: how long it takes tells nothing either.
    expect(province.asked).toBe(2);
  });

  it("another agency's code is another center's, told without asking the province", async () => {
    const { h, province } = await start();
    province.mode = 'answer';
    const res = await lookup(h, '000.00.99.H01-261201-0001', '1234');
    expect(res.body).toMatchObject({ state: 'other_center', status: null, procedureName: null });
    // Random foreign codes cannot make the center flood the province.
    for (let i = 2; i < 30; i++)
      await publicLookup(h, `000.00.99.H01-261201-${String(i).padStart(4, '0')}`, '1234');
    expect(province.asked).toBe(0);
  });

  it('a code the province knows but the register does not hold: a lookup files nothing, not even for staff', async () => {
    const { h, province } = await start();
    province.mode = 'answer';
    const foreign = '000.00.99.H01-261201-0001';
    for (const c of [code(7), foreign]) {
      province.statuses.set(c, { MaHoSo: c, TrangThaiHoSo: 9, NgayHenTra: '20261201170000' });
    }
    expect((await lookup(h, code(7), '0000')).body).toMatchObject({ state: 'no_match', status: null });
    expect((await publicLookup(h, foreign, '0000')).body).toMatchObject({ state: 'other_center' });
    const admin = await login(h, 'admin');
    expect((await h.api(`/api/dossiers/${foreign}`, { token: admin.token })).status).toBe(404);
    expect(h.store.dossiers.byCode(code(7))).toBeNull();
    expect(h.store.dossiers.byCode(foreign)).toBeNull();
    // The foreign agency is not adopted: the code stays another center's.
    expect(h.store.dossiers.knowsAgency('000.00.99.H01')).toBe(false);
    expect((await lookup(h, foreign, '0000')).body).toMatchObject({ state: 'other_center' });
  });

  it('a dossier the province pushed, with no proof in the register, is unverifiable and shows nothing', async () => {
    const { h, province } = await start();
    h.store.dossiers.applyStatus(
      { MaHoSo: code(7), TrangThaiHoSo: 4, NgayHenTra: null },
      'push',
      h.server.ctx.clock.now(),
    );
    province.mode = 'answer';
    province.statuses.set(code(7), { MaHoSo: code(7), TrangThaiHoSo: 9, NgayHenTra: null, LyDo: 'riêng tư' });
    const res = await lookup(h, code(7), '0000');
    expect(res.body).toMatchObject({
      state: 'unverifiable',
      status: null,
      reason: null,
      resultReadyAt: null,
      learntAt: null,
    });
    // Unverifiable counts as a wrong try (each asked the province): 5 an hour per code, then refused.
    for (let i = 0; i < 4; i++)
      expect((await publicLookup(h, code(7), '0000')).body.state).toBe('unverifiable');
    expect((await publicLookup(h, code(7), '0000')).status).toBe(429);
    expect(province.asked).toBe(5);
    const admin = await login(h, 'admin');
    const record = await h.api(`/api/dossiers/${code(7)}`, { token: admin.token });
    // The pull updated the row the push made.
    expect(record.body).toMatchObject({ channel: 2, status: 9, provable: false, receivedAt: null });
  });

  it('the province hanging: the register answers with when it learnt the status, and the province is let go', async () => {
    const { h, province } = await start();
    await receive(h, code(1));
    const learnt = h.store.dossiers.byCode(code(1))?.statusLearntAt ?? null;
    expect(learnt).not.toBeNull();
    province.mode = 'hang';
    const res = await lookup(h, code(1), '6789');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'in_progress',
      status: 2,
      fresh: false,
      learntAt: learnt && toIso(learnt),
      appointmentAt: '2099-01-01T17:00:00.000+07:00',
      ticketServiceId: serviceId(h, 'TP'),
    });
    expect(province.aborted).toBe(1);
    // Down outright: the same answer.
    province.mode = 'down';
    expect((await lookup(h, code(1), '5678')).body).toMatchObject({ state: 'in_progress', fresh: false });
  });

  it('storage refusing the pulled status: the lookup answers from the register, logged without the code', async () => {
    const { h, province } = await start();
    await receive(h, code(1));
    province.mode = 'answer';
    province.statuses.set(code(1), { MaHoSo: code(1), TrangThaiHoSo: 9, NgayHenTra: '20990101170000' });
    const readOnly = vi.spyOn(h.server.ctx.store.dossiers, 'updateStatus').mockImplementation(() => {
      throw Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' });
    });
    const warn = vi.spyOn(h.server.app.log, 'warn');
    onTestFinished(() => {
      readOnly.mockRestore();
      warn.mockRestore();
    });
    for (const res of [await lookup(h, code(1), '6789'), await publicLookup(h, code(1), '5678')]) {
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ state: 'in_progress', status: 2 });
    }
    const admin = await login(h, 'admin');
    expect((await h.api(`/api/dossiers/${code(1)}`, { token: admin.token })).body).toMatchObject({
      status: 2,
    });
    const logged = JSON.stringify(warn.mock.calls);
    expect(logged).toContain('LAYSO_DB_UNWRITABLE');
    expect(logged).not.toContain(code(1));
  });

  it('wrong digits are limited per code (5 an hour), then even the right ones wait, on every device', async () => {
    const { h } = await start();
    await receive(h, code(1));
    // Right digits count for nothing.
    for (let i = 0; i < 6; i++) expect((await lookup(h, code(1), '6789')).body.state).toBe('in_progress');
    for (let i = 0; i < 5; i++) expect((await lookup(h, code(1), `000${i}`)).body.state).toBe('no_match');
    for (const res of [await lookup(h, code(1), '6789'), await publicLookup(h, code(1), '6789')]) {
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe('LAYSO_DOSSIER_LOOKUP_LIMIT');
      expect(res.body.error.message).toMatch(/^Đã tra cứu sai quá nhiều lần.* \/ Too many wrong lookups/);
    }
    // Another code is not held back by this one.
    expect((await lookup(h, code(2), '6789')).status).toBe(200);
  });

  it('lookups sent all at once cannot get past the limit together', async () => {
    const { h, province } = await start();
    await receive(h, code(1));
    // The province hangs: every lookup is still in flight when the next arrives.
    province.mode = 'hang';
    const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => lookup(h, code(1), `100${i}`)));
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    expect(replies.filter((r) => r.status === 200).every((r) => r.body.state === 'no_match')).toBe(true);
  });

  it('wrong lookups are limited per kiosk or address (LOOKUP_WRONG_PER_SOURCE), each source on its own', async () => {
    const { h } = await start({ LOOKUP_WRONG_PER_SOURCE: '10/10m' });
    await receive(h, code(1));
    for (let i = 1; i <= 10; i++) expect((await publicLookup(h, code(100 + i), '1111')).status).toBe(200);
    const refused = await publicLookup(h, code(1), '6789');
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('LAYSO_DOSSIER_LOOKUP_LIMIT');
    // The kiosk is another source.
    expect((await lookup(h, code(1), '6789')).body.state).toBe('in_progress');
  });

  it('only a kiosk uses the kiosk lookup, and the code must be a dossier code', async () => {
    const { h } = await start();
    const officer = await login(h, 1);
    const asOfficer = await h.api('/api/kiosk/dossiers/lookup', {
      token: officer.token,
      body: { code: code(1), proof: '1234' },
    });
    expect(asOfficer.status).toBe(403);
    const anonymous = await h.api('/api/kiosk/dossiers/lookup', { body: { code: code(1), proof: '1234' } });
    expect(anonymous.status).toBe(401);
    const bad = await lookup(h, 'not-a-code', '1234');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('LAYSO_DOSSIER_CODE_INVALID');
    const shortProof = await lookup(h, code(1), '123');
    expect(shortProof.body.error.code).toBe('LAYSO_VALIDATION');
  });
});

describe('the register at the counter', () => {
  it('the finish files a received dossier with its officer, and only the last 4 digits of the owner', async () => {
    const { h } = await start();
    const { officer, ticketId } = await receive(h, code(1));
    const row = h.store.dossiers.byCode(code(1));
    expect(row).toMatchObject({
      channel: 1,
      status: 2,
      statusSource: 'counter',
      proofId: '6789',
      proofPhone: '5678',
      receivingTicketId: ticketId,
      receivingOfficerId: officer.user.id,
      serviceId: serviceId(h, 'TP'),
    });
    const stored = JSON.stringify(h.store.db.prepare('SELECT * FROM dossiers').all());
    expect(stored).not.toContain(ID_NUMBER);
    expect(stored).not.toContain(PHONE);
    const record = await h.api(`/api/dossiers/${code(1)}`, { token: officer.token });
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({
      code: code(1),
      serviceName: h.store.catalogue.service(serviceId(h, 'TP'))?.name,
      receivingOfficer: officer.user.displayName,
      provable: true,
      overdue: false,
      appointmentAt: '2099-01-01T17:00:00.000+07:00',
    });
    expect(record.body).not.toHaveProperty('proofId');
  });

  it("the officer gives the owner's digits when the kiosk took none", async () => {
    const { h } = await start();
    const officer = await login(h, 1);
    const t = await issue(h, serviceId(h, 'TP'));
    await h.api(`/api/counters/${officer.counterId}/call-next`, { token: officer.token, method: 'POST' });
    const done = await h.api(`/api/tickets/${t.id}/finish`, {
      token: officer.token,
      body: { outcome: 'received', dossier: { code: code(3), owner: { phone: '0987654321' } } },
    });
    expect(done.status).toBe(200);
    expect(h.store.dossiers.byCode(code(3))).toMatchObject({ proofId: null, proofPhone: '4321' });
  });

  it('a returns ticket carries its dossier; "Trả kết quả" records who collected, and record 10 is queued once', async () => {
    const { h } = await start();
    await receive(h, code(1));
    const returns = await issue(h, serviceId(h, 'TP'), { dossierCode: code(1) });
    expect(returns.dossierCode).toBe(code(1));
    const officer = await login(h, 1);
    const call = await h.api(`/api/counters/${officer.counterId}/call-next`, {
      token: officer.token,
      method: 'POST',
    });
    expect(call.body.ticket).toMatchObject({ id: returns.id, dossierCode: code(1) });
    const done = await h.api(`/api/tickets/${returns.id}/finish`, {
      token: officer.token,
      body: {
        outcome: 'returned',
        dossier: {
          return: {
            collectedBy: 'authorised',
            collectorName: 'Trần Thị B',
            collectorIdNumber: '079000000001',
            consent: true,
            originalsReturned: 2,
          },
        },
      },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ outcome: 'returned', dossierCode: code(1) });
    const record = await h.api(`/api/dossiers/${code(1)}`, { token: officer.token });
    expect(record.body).toMatchObject({
      status: 10,
      collectedBy: 'authorised',
      collectorName: 'Trần Thị B',
      originalsReturned: 2,
      returnTicketId: returns.id,
    });
    const queued = h.store.db
      .prepare('SELECT ticket_id FROM outbox WHERE dossier_code = ? ORDER BY id')
      .pluck()
      .all(code(1));
    expect(queued).toHaveLength(2);
    expect(queued[1]).toBe(returns.id);
    // The citizen, looking it up afterwards, reads it returned.
    expect((await lookup(h, code(1), '6789')).body.state).toBe('returned');
  });

  it("an authorised person's return needs a name and consent", async () => {
    const { h } = await start();
    await receive(h, code(1));
    const returns = await issue(h, serviceId(h, 'TP'), { dossierCode: code(1) });
    const officer = await login(h, 1);
    await h.api(`/api/counters/${officer.counterId}/call-next`, { token: officer.token, method: 'POST' });
    const refused = await h.api(`/api/tickets/${returns.id}/finish`, {
      token: officer.token,
      body: { outcome: 'returned', dossier: { return: { collectedBy: 'authorised', originalsReturned: 0 } } },
    });
    expect(refused.status).toBe(400);
    expect(h.store.dossiers.byCode(code(1))?.status).toBe(2);
  });

  it('the staff view answers 404 for a code nobody knows, and is for staff only', async () => {
    const { h } = await start();
    const officer = await login(h, 1);
    const missing = await h.api(`/api/dossiers/${code(9)}`, { token: officer.token });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('LAYSO_DOSSIER_NOT_FOUND');
    const kiosk = await h.api(`/api/dossiers/${code(9)}`, { token: h.credentials.kioskToken });
    expect(kiosk.status).toBe(403);
  });
});
