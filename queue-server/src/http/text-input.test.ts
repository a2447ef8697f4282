import { TEXT_PROBLEMS } from '@layso/protocol';
import { describe, expect } from 'vitest';
import { login } from '../testing/kit.js';
import { it } from '../testing/fixture.js';

/** The validation message the server gives for the first refused field. */
const refusal = (body: { error: { code: string; details?: { message: string }[] } }) => ({
  code: body.error.code,
  message: body.error.details?.[0]?.message,
});

describe('names and free text over HTTP', () => {
  it('refuses a hostile intake name at the kiosk with a bilingual reason', async ({ center }) => {
    const serviceId = center.store.catalogue.services()[0]!.id;
    for (const [fullName, problem] of [
      ['Lê\u202Egnaht', 'bidi'],
      ['\u200B\u200B', 'invisible'],
      ['Lê\u0000Thắng', 'control'],
      ['Lê\nThắng', 'control'],
      ['Lê \uD83D', 'surrogate'],
    ] as const) {
      const res = await center.api('/api/tickets', {
        token: center.credentials.kioskToken,
        body: { serviceId, intake: { consent: true, fullName } },
      });
      expect(res.status, problem).toBe(400);
      expect(refusal(res.body), problem).toEqual({
        code: 'LAYSO_VALIDATION',
        message: TEXT_PROBLEMS[problem],
      });
    }
  });

  it('takes a Vietnamese name typed in NFD and stores it in NFC', async ({ center }) => {
    const serviceId = center.store.catalogue.services()[0]!.id;
    const admin = await login(center, center.credentials.admin.username);
    const name = 'Trần Thị Ngọc Ánh';
    const res = await center.api('/api/admin/counters', {
      token: admin.token,
      body: { number: 9, name: name.normalize('NFD'), serviceIds: [serviceId] },
    });
    expect(res.status).toBe(201);
    expect(res.body.name).toBe(name.normalize('NFC'));
  });

  it('refuses a display name or counter name with a line break or an escape sequence', async ({ center }) => {
    const admin = await login(center, center.credentials.admin.username);
    const serviceId = center.store.catalogue.services()[0]!.id;
    const user = await center.api('/api/admin/users', {
      token: admin.token,
      body: {
        username: 'hostile',
        displayName: '\u001b[2JXoá màn hình',
        password: 'mật-khẩu-dài-đủ',
        role: 'officer',
      },
    });
    expect(refusal(user.body)).toEqual({ code: 'LAYSO_VALIDATION', message: TEXT_PROBLEMS.control });
    const counter = await center.api('/api/admin/counters', {
      token: admin.token,
      body: { number: 10, name: 'Quầy\r\n10', serviceIds: [serviceId] },
    });
    expect(refusal(counter.body)).toEqual({ code: 'LAYSO_VALIDATION', message: TEXT_PROBLEMS.control });
  });
});
