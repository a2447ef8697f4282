import { createHash, randomBytes } from 'node:crypto';
import { PublicBooking } from '@layso/protocol';
import { readBookingSettings } from '../app/booking-settings.js';
import type { Harness } from './harness.js';

/**
 * Bookings for tests (issue 21) without the one-time code's round trip: a proof put in the store as a verified code
 * would leave it, then the booking made through the real endpoint (every rule and the transaction apply). The code's
 * own path is tested in http/bookings.test.ts against the SMS stand-in.
 */
export function bookingProof(h: Harness, cccd: string, phone = '0912345678', hours = 24): string {
  const token = randomBytes(32).toString('base64url');
  const now = h.server.ctx.clock.now();
  h.store.bookings.insertProof({
    tokenHash: createHash('sha256').update(token).digest('hex'),
    phone,
    cccdHash: h.server.ctx.bookingIdentity.cccdHash(cccd),
    cccdLast: cccd.slice(-3),
    expiresAt: new Date(now.getTime() + hours * 3_600_000),
    at: now,
  });
  return token;
}

/** Books `start` ("HH:mm") of `day` for a service as `cccd`; throws with the refusal when it is not 201. */
export async function bookSlot(
  h: Harness,
  b: { serviceId: number; day: string; start: string; cccd: string; phone?: string; procedureId?: number },
): Promise<PublicBooking> {
  const { cccd, phone, ...rest } = b;
  const r = await h.api('/api/public/bookings', { body: { proof: bookingProof(h, cccd, phone), ...rest } });
  if (r.status !== 201) throw new Error(`booking ${b.start} ${b.day}: ${r.status} ${JSON.stringify(r.body)}`);
  return PublicBooking.parse(r.body);
}

/** The services booking is enabled for, as the settings hold now (the demo seeds Tư pháp and three others). */
export function bookableServices(h: Harness): number[] {
  return readBookingSettings(h.store)
    .services.filter((s) => s.enabled)
    .map((s) => s.serviceId);
}
