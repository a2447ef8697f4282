import { describe, expect } from 'vitest';
import { NOTICE_CONSENT } from '@layso/protocol';
import { it } from '../testing/fixture.js';
import { issue, login } from '../testing/kit.js';

/** A consent is recorded with the version of the text shown: a version the server does not show is refused. */
describe('notice consent version', () => {
  it('refuses an unknown version at the kiosk and on the phone page (400, nothing recorded)', async ({
    center: h,
  }) => {
    const officer = await login(h, 0);
    const serviceId = h.store.counters.byId(officer.counterId)?.serviceIds[0] ?? 0;
    const before = h.store.queueOrder.classCounts(h.server.ctx.queue.today(), serviceId);
    const kiosk = await h.api('/api/tickets', {
      token: h.credentials.kioskToken,
      body: {
        serviceId,
        intake: { consent: true, phone: '0912345678', notices: { consentVersion: '2020-01-v0' } },
      },
    });
    expect(kiosk.status).toBe(400);
    expect(kiosk.body.error.code).toBe('LAYSO_CONSENT_VERSION_UNKNOWN');
    expect(kiosk.body.error.message).toMatch(/^Nội dung đồng ý .+ \/ The notice consent text has changed/);
    expect(h.store.queueOrder.classCounts(h.server.ctx.queue.today(), serviceId)).toEqual(before);

    const t = await issue(h, serviceId);
    const push = await h.api(`/api/public/tickets/${t.trackingCode}/push`, {
      method: 'POST',
      body: {
        endpoint: 'https://push.example.invalid/sub/1',
        keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) },
        consentVersion: `${NOTICE_CONSENT.version}-forged`,
      },
    });
    expect(push.status).toBe(400);
    expect(push.body.error.code).toBe('LAYSO_CONSENT_VERSION_UNKNOWN');
    expect(h.store.pushSubscriptions.byTicket(t.id)).toEqual([]);
  });
});
