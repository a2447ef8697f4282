import { ApiError } from '@layso/ui-kit/phone-api';
import { describe, expect, it } from 'vitest';
import { attempt } from './attempt.js';

describe("the booking pages' calls", () => {
  it("answers the value, or the refusal in the server's own two languages", async () => {
    expect(await attempt(Promise.resolve(7))).toEqual({ ok: true, value: 7 });
    const full = new ApiError('LAYSO_BOOKING_SLOT_FULL', 'Giờ 09:30 đã hết chỗ / 09:30 is full', 409);
    expect(await attempt(Promise.reject(full))).toEqual({
      ok: false,
      code: 'LAYSO_BOOKING_SLOT_FULL',
      error: { vi: 'Giờ 09:30 đã hết chỗ', en: '09:30 is full' },
    });
  });

  it("falls back to the catalogue's text for a message in one language, and to the network's for anything else", async () => {
    const one = await attempt(Promise.reject(new ApiError('LAYSO_OTP_INVALID', 'bad', 400)));
    expect(one).toMatchObject({ ok: false, error: { vi: 'Mã xác nhận không đúng' } });
    const odd = await attempt(Promise.reject(new TypeError('boom')));
    expect(odd).toMatchObject({ ok: false, code: 'LAYSO_NETWORK' });
    if (!odd.ok) expect(odd.error.vi).toContain('Không kết nối được');
  });
});
