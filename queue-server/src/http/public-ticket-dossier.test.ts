/**
 * The phone ticket's dossier (issue 19, Deliver 1): a ticket linked to a dossier of the register shows the dossier's
 * state, its appointment and whether the result waits — on `/api/track/:code` and on the ticket's stream, which
 * share one view — and nothing of the dossier otherwise; never its code, the province's reason or the owner.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { seedSmallCenter } from '../testing/center.js';
import { startHarness, type Harness } from '../testing/harness.js';
import { issue, login } from '../testing/kit.js';
import { signedHeaders } from '../sync/push-signature.js';

const AGENCY = '000.00.12.H62';
const CODE = `${AGENCY}-261201-0007`;
const SECRET = 'mat-khau-chung-cua-tinh-0123456789';
const OWNER = { fullName: 'Nguyễn Văn A', idNumber: '079123456789', phone: '0912345678' };
const REASON = 'Bổ sung bản sao giấy khai sinh của Nguyễn Văn A';

async function start(): Promise<Harness> {
  const h = await startHarness({
    seed: seedSmallCenter,
    env: { AGENCY_ID: AGENCY, PROVINCIAL_PUSH_SECRET: SECRET },
  });
  onTestFinished(() => h.close());
  return h;
}

const serviceId = (h: Harness): number => {
  const s = h.store.catalogue.serviceByCode('TP');
  if (!s) throw new Error('no service TP');
  return s.id;
};

const track = async (h: Harness, code: string) => {
  const r = await h.api(`/api/track/${code}`);
  expect(r.status).toBe(200);
  return r.body as Record<string, unknown>;
};

/** What a phone must never be told of a dossier. */
function expectNothingPersonal(view: unknown): void {
  const text = JSON.stringify(view);
  for (const secret of [CODE, '261201', OWNER.fullName, OWNER.idNumber, OWNER.phone, '6789', REASON])
    expect(text).not.toContain(secret);
}

describe('the public ticket of a ticket linked to a dossier', () => {
  it('shows the dossier in progress, then ready for the returns ticket; nothing for a ticket without one', async () => {
    const h = await start();
    const officer = await login(h, 1);
    const plain = await issue(h, serviceId(h));
    const received = await issue(h, serviceId(h), { intake: { consent: true, ...OWNER } });
    // Quầy 2 sees the plain ticket off, then receives the dossier of the second one.
    for (const [t, body] of [
      [plain, { outcome: 'guidance' }],
      [
        received,
        { outcome: 'received', dossier: { code: CODE, appointmentAt: '2099-01-02T17:00:00+07:00' } },
      ],
    ] as const) {
      const call = await h.api(`/api/counters/${officer.counterId}/call-next`, {
        token: officer.token,
        method: 'POST',
      });
      expect(call.body.ticket.id).toBe(t.id);
      expect((await h.api(`/api/tickets/${t.id}/finish`, { token: officer.token, body })).status).toBe(200);
    }

    expect(await track(h, plain.trackingCode)).not.toHaveProperty('dossier');
    const inProgress = await track(h, received.trackingCode);
    expect(inProgress.dossier).toEqual({
      state: 'in_progress',
      appointmentAt: '2099-01-02T17:00:00.000+07:00',
      ready: false,
    });
    expectNothingPersonal(inProgress);

    // The province says the result is ready; the citizen takes a returns ticket at the kiosk after the lookup.
    const body = JSON.stringify({
      MaHoSo: CODE,
      TrangThaiHoSo: 9,
      NgayHenTra: '20990102170000',
      LyDo: REASON,
    });
    const pushed = await h.api('/api/provincial/status', {
      method: 'POST',
      raw: body,
      headers: { 'content-type': 'application/json', ...signedHeaders(SECRET, body, Date.now()) },
    });
    expect(pushed.status).toBe(200);
    const returns = await issue(h, serviceId(h), { dossierCode: CODE });
    const ready = await track(h, returns.trackingCode);
    expect(ready.dossier).toEqual({
      state: 'ready',
      appointmentAt: '2099-01-02T17:00:00.000+07:00',
      ready: true,
    });
    expectNothingPersonal(ready);
    // The received ticket's page says the same of the same dossier.
    expect((await track(h, received.trackingCode)).dossier).toMatchObject({ state: 'ready', ready: true });
  });
});
