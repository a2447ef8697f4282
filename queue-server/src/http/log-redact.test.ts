import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedSmallCenter } from '../testing/center.js';
import { startHarness, type Harness } from '../testing/harness.js';
import { issue, login, next, socket } from '../testing/kit.js';
import { maskTrackingCode } from './log-redact.js';

/** The tracking code is a capability: the server's log never holds one (requests, failures, the ticket stream). */
let h: Harness;
const lines: string[] = [];

beforeAll(async () => {
  h = await startHarness({ seed: seedSmallCenter, logStream: { write: (line) => void lines.push(line) } });
});

afterAll(async () => {
  await h.close();
});

describe('request logging', () => {
  it('cuts the code of every phone path to 2 characters', () => {
    expect(maskTrackingCode('/t/Ab3dEf9hIj')).toBe('/t/Ab…');
    expect(maskTrackingCode('/t/Ab3dEf9hIj/qr.svg')).toBe('/t/Ab…/qr.svg');
    expect(maskTrackingCode('/api/track/Ab3dEf9hIj?x=1')).toBe('/api/track/Ab…?x=1');
    expect(maskTrackingCode('/api/public/tickets/Ab3dEf9hIj/leave')).toBe('/api/public/tickets/Ab…/leave');
    expect(maskTrackingCode('/api/tickets/12/recall')).toBe('/api/tickets/12/recall');
    // A booking's code is its capability too (issue 21): its page, QR, cancel and move.
    expect(maskTrackingCode('/b/K7PQ3M2D')).toBe('/b/K7…');
    expect(maskTrackingCode('/b/K7PQ3M2D/qr.svg')).toBe('/b/K7…/qr.svg');
    expect(maskTrackingCode('/api/public/bookings/K7PQ3M2D/cancel')).toBe('/api/public/bookings/K7…/cancel');
    expect(maskTrackingCode('/api/public/bookings')).toBe('/api/public/bookings');
    expect(maskTrackingCode('/api/public/booking/slots?serviceId=2')).toBe(
      '/api/public/booking/slots?serviceId=2',
    );
    // A feedback case's code opens its state (issue 22); the form's ?t= is a ticket's tracking code.
    expect(maskTrackingCode('/pa/K7PQ3M2D')).toBe('/pa/K7…');
    expect(maskTrackingCode('/api/public/feedback/K7PQ-3M2D/lookup')).toBe('/api/public/feedback/K7…/lookup');
    expect(maskTrackingCode('/api/public/feedback/options?t=Ab3dEf9hIj')).toBe(
      '/api/public/feedback/options?t=Ab…',
    );
    expect(maskTrackingCode('/pa?from=rating&t=Ab3dEf9hIj')).toBe('/pa?from=rating&t=Ab…');
    expect(maskTrackingCode('/pa/poster')).toBe('/pa/poster');
    expect(maskTrackingCode('/pa/qr.svg')).toBe('/pa/qr.svg');
    // The counter-top's QR after "Không hài lòng" carries the ticket's code; the kiosk reprints a case by its code.
    expect(maskTrackingCode('/pa/qr.svg?t=Ab3dEf9hIj&from=rating')).toBe('/pa/qr.svg?t=Ab…&from=rating');
    expect(maskTrackingCode('/pa/qr.svg?from=rating&t=Ab3dEf9hIj')).toBe('/pa/qr.svg?from=rating&t=Ab…');
    expect(maskTrackingCode('/api/kiosk/feedback/K7PQ3M2D/print')).toBe('/api/kiosk/feedback/K7…/print');
    expect(maskTrackingCode('/api/kiosk/feedback')).toBe('/api/kiosk/feedback');
    expect(maskTrackingCode('/api/public/feedback')).toBe('/api/public/feedback');
  });

  it('never writes a tracking code: not for requests that fail (logged with their URL), nor the ticket stream', async () => {
    const officer = await login(h, 0);
    const serviceId = h.store.counters.byId(officer.counterId)?.serviceIds[0] ?? 0;
    const { trackingCode: code } = await issue(h, serviceId);
    expect((await fetch(`${h.url}/t/${code}`)).status).toBe(200);
    expect((await h.api(`/api/public/tickets/${code}/on-my-way`, { method: 'POST' })).status).toBe(200);

    // A failure of ours is logged with the request it failed: its URL, the code masked.
    const broken = vi.spyOn(h.server.ctx.store.tickets, 'byTracking').mockImplementation(() => {
      throw new Error('injected');
    });
    expect((await fetch(`${h.url}/t/${code}`)).status).toBe(500);
    expect((await h.api(`/api/public/tickets/${code}/leave`, { method: 'POST' })).status).toBe(500);
    broken.mockRestore();

    const phone = socket(h, '/ticket', { code });
    await next(phone, 'ticket');
    const forged = socket(h, '/ticket', { code: `${code.slice(0, 4)}forged` });
    await new Promise<void>((resolve) => forged.on('connect_error', () => resolve()));

    const failed = lines.map((l) => JSON.parse(l) as { msg: string; req?: { url: string } });
    expect(failed.filter((l) => l.msg === 'request failed').map((l) => l.req?.url)).toEqual([
      `/t/${code.slice(0, 2)}…`,
      `/api/public/tickets/${code.slice(0, 2)}…/leave`,
    ]);
    expect(lines.join('')).not.toContain(code);
    expect(lines.join('')).not.toContain(`${code.slice(0, 4)}forged`);
  });
});
