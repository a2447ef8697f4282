import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnInstant } from '../domain/time.js';
import { ManualClock, startHarness, type Harness } from '../testing/harness.js';

const clock = new ManualClock(vnInstant('2026-11-30', 16 * 60 + 50));
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clock });
});
afterAll(() => h.close());

describe('the tracking page behind the ticket QR', () => {
  it('follows the ticket today and says it expired on a later day, without personal data', async () => {
    const serviceId = h.store.catalogue.services()[0]!.id;
    const t = await h.api('/api/tickets', {
      token: h.credentials.kioskToken,
      body: { serviceId, intake: { consent: true, fullName: 'Phạm Thị Hoa', phone: '0901234567' } },
    });
    const today = await (await fetch(t.body.trackingUrl)).text();
    expect(today).toContain(t.body.number);
    expect(today).toContain('Đang chờ');
    clock.set(vnInstant('2026-12-01', 7 * 60));
    const tomorrow = await (await fetch(t.body.trackingUrl)).text();
    expect(tomorrow).toContain('30/11/2026');
    expect(tomorrow).toContain('hết hiệu lực');
    for (const page of [today, tomorrow]) {
      expect(page).not.toContain('Phạm Thị Hoa');
      expect(page).not.toContain('0901234567');
    }
    for (const code of ['AAAAAAAAAAAA', 'x']) {
      const unknown = await fetch(`${h.url}/t/${code}`);
      expect(unknown.status).toBe(404);
      expect(await unknown.text()).toContain('Không tìm thấy số thứ tự này');
    }
  });
});
