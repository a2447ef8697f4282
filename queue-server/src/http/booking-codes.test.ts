import { describe, expect, it } from 'vitest';
import { bookingBench, from } from '../testing/bookings.js';

/**
 * The booking page's one-time code (issue 21) through the SMS stand-in: its refusals (wrong, spent, reused,
 * expired), the rate limits per phone, CCCD number and address, and what is kept of it (the code leaves the
 * outbox once sent; the CCCD number is never logged nor stored in clear). Bench in testing/bookings.ts.
 */
const bench = bookingBench();
const { clock, sentTo, eventually, requestCode, proofFor, book, changes } = bench;
const CCCD = '079123456789';

describe('the one-time code', () => {
  it('refuses a wrong code (writing nothing), a spent one, a reused one and an expired one', async () => {
    const headers = from('10.1.0.1');
    const phone = '0911111111';
    const first = await requestCode(phone, CCCD, headers);
    expect(sentTo(phone)).toHaveLength(1);
    const wrong = first.code === '000000' ? '000001' : '000000';
    const verify = (challengeId: string, code: string) =>
      bench.h.api('/api/public/booking/verify', { body: { challengeId, code }, headers });
    const before = changes();
    for (let i = 0; i < bench.settings.otpMaxTries; i++)
      expect((await verify(first.challengeId, wrong)).body.error.code).toBe('LAYSO_OTP_INVALID');
    expect(changes()).toBe(before);
    // Spent by its wrong tries: even the right code is refused now.
    expect((await verify(first.challengeId, first.code)).body.error.code).toBe('LAYSO_OTP_EXPIRED');

    const second = await requestCode(phone, CCCD, headers);
    expect((await verify(second.challengeId, second.code)).status).toBe(200);
    expect((await verify(second.challengeId, second.code)).body.error.code).toBe('LAYSO_OTP_EXPIRED');

    const third = await requestCode(phone, CCCD, headers);
    clock.advance(bench.settings.otpMinutes * 60_000 + 1);
    expect((await verify(third.challengeId, third.code)).body.error.code).toBe('LAYSO_OTP_EXPIRED');
    // A fourth code to the same phone within 30 minutes is refused, nothing sent or stored.
    const n = changes();
    const fourth = await bench.h.api('/api/public/booking/otp', { body: { phone, cccd: CCCD }, headers });
    expect(fourth.body.error.code).toBe('LAYSO_OTP_LIMIT');
    expect(changes()).toBe(n);
  });

  it('limits codes per CCCD number across phones, guesses per address, and unknown booking codes', async () => {
    const cccd = '079100000042';
    const sends = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        bench.h.api('/api/public/booking/otp', {
          body: { phone: `09200000${i}0`, cccd },
          headers: from('10.2.0.1'),
        }),
      ),
    );
    expect(sends.map((r) => r.status).sort()).toEqual([202, 202, 202, 202, 202, 429]);
    const guesses: string[] = [];
    for (let i = 0; i < 25; i++) {
      const r = await bench.h.api('/api/public/booking/verify', {
        body: { challengeId: `unknown-challenge-${String(i).padStart(4, '0')}`, code: '123456' },
        headers: from('10.2.0.2'),
      });
      guesses.push(r.body.error.code);
    }
    expect(guesses.slice(0, 20).every((c) => c === 'LAYSO_OTP_EXPIRED')).toBe(true);
    expect(guesses.slice(20).every((c) => c === 'LAYSO_BOOKING_LIMIT')).toBe(true);
    const lookups: number[] = [];
    for (let i = 0; i < 32; i++)
      lookups.push(
        (
          await bench.h.api(`/api/public/bookings/ZZZZ${String(i).padStart(4, '0')}`, {
            headers: from('10.2.0.3'),
          })
        ).status,
      );
    expect(lookups.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(lookups.slice(30)).toEqual([429, 429]);
  });

  it('keeps the one-time code in the outbox only until it is sent', async () => {
    const { challengeId, code } = await requestCode('0955555555', CCCD, from('10.4.0.1'));
    const rows = () => bench.h.store.notices.forKey(`o${challengeId}:booking_code`);
    await eventually(() => rows().some((n) => n.sentAt !== null), 'the code notice marked sent');
    expect(rows().map((n) => n.params.code)).toEqual(rows().map(() => ''));
    expect(JSON.stringify(bench.h.store.db.prepare('SELECT params FROM notices').all())).not.toContain(code);
  });

  it('never logs the CCCD number nor stores it in clear', async () => {
    const cccd = '079188877766';
    await book(await proofFor('0933333333', cccd, from('10.3.0.1')), bench.tp);
    await bench.h.api('/api/public/booking/otp', {
      body: { phone: 'not-a-phone', cccd },
      headers: from('10.3.0.1'),
    });
    await bench.h.api('/api/public/booking/otp', { body: { phone: '0933333333', cccd: `${cccd}x` } });
    expect(bench.lines.join('\n')).not.toContain(cccd);
    const dump = bench.h.store.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .pluck()
      .all()
      .map((t) => JSON.stringify(bench.h.store.db.prepare(`SELECT * FROM "${String(t)}"`).all()))
      .join('\n');
    expect(dump).not.toContain(cccd);
    expect(dump).toContain(bench.h.server.ctx.bookingIdentity.cccdHash(cccd));
  });
});
