import { describe, expect, it } from 'vitest';
import { DEFAULT_BOOKING_SETTINGS } from '@layso/protocol';
import { createAdminApi } from './admin-api.js';
import { ApiError } from './api.js';

describe("the admin's file downloads", () => {
  it('fetch the list with the token and the filters, and keep the name the server gave the file', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const api = createAdminApi({
      baseUrl: 'http://server/',
      token: 's_abc',
      fetch: async (url, init) => {
        seen.push({ url: String(url), init: init ?? {} });
        return new Response(new Uint8Array([80, 75, 3, 4]), {
          status: 200,
          headers: { 'content-disposition': 'attachment; filename="ho-so-overdue-2026-12-07.xlsx"' },
        });
      },
    });
    const got = await api.dossiersFile({ view: 'overdue', serviceId: 3 });
    expect(seen[0]!.url).toBe('http://server/api/dossiers?view=overdue&serviceId=3&format=xlsx');
    expect((seen[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer s_abc');
    expect(got.name).toBe('ho-so-overdue-2026-12-07.xlsx');
    expect(new Uint8Array(await got.blob.arrayBuffer())).toEqual(new Uint8Array([80, 75, 3, 4]));
  });

  it('name the file themselves when the server did not, and refuse with the server’s error', async () => {
    const plain = createAdminApi({ fetch: async () => new Response('x', { status: 200 }) });
    expect((await plain.reportFile({ from: '2026-12-01', to: '2026-12-07' }, 'csv')).name).toBe(
      'bao-cao-2026-12-01-2026-12-07.csv',
    );
    const refused = createAdminApi({
      fetch: async () =>
        new Response(
          JSON.stringify({ error: { code: 'LAYSO_FORBIDDEN', message: 'Không có quyền / Forbidden' } }),
          {
            status: 403,
            headers: { 'content-type': 'application/json' },
          },
        ),
    });
    const e = await refused.dossiersFile({ view: 'all' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ code: 'LAYSO_FORBIDDEN', status: 403 });
  });
});

describe("the admin's booking calls", () => {
  it('ask for a day (and a service when given), a report range, and send the settings as they are', async () => {
    const seen: { url: string; method: string; body: unknown }[] = [];
    const api = createAdminApi({
      baseUrl: 'http://server/',
      fetch: async (url, init) => {
        seen.push({
          url: String(url),
          method: init?.method ?? 'GET',
          body: init?.body ? JSON.parse(String(init.body)) : null,
        });
        return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
      },
    });
    await api.adminBookings('2026-12-07').catch(() => undefined);
    await api.adminBookings('2026-12-07', 3).catch(() => undefined);
    await api.bookingReport({ from: '2026-12-01', to: '2026-12-07' }).catch(() => undefined);
    await api.saveBookingSettings(DEFAULT_BOOKING_SETTINGS).catch(() => undefined);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'GET http://server/api/admin/bookings?day=2026-12-07',
      'GET http://server/api/admin/bookings?day=2026-12-07&serviceId=3',
      'GET http://server/api/admin/bookings/report?from=2026-12-01&to=2026-12-07',
      'PUT http://server/api/admin/booking/settings',
    ]);
    expect(seen[3]?.body).toEqual(DEFAULT_BOOKING_SETTINGS);
  });
});

describe("the admin's feedback calls", () => {
  it('fetch a case’s picture and the register’s XLSX with the token, and post each action to its case', async () => {
    const seen: { url: string; method: string; auth: string | undefined; body: unknown }[] = [];
    const api = createAdminApi({
      baseUrl: 'http://server/',
      token: 's_abc',
      fetch: async (url, init) => {
        seen.push({
          url: String(url),
          method: init?.method ?? 'GET',
          auth: (init?.headers as Record<string, string> | undefined)?.authorization,
          body: init?.body ? JSON.parse(String(init.body)) : null,
        });
        return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
      },
    });
    const picture = await api.feedbackPicture(7, 12);
    expect(picture.name).toBe('phan-anh-7-12');
    const register = await api.feedbackRegisterFile({ from: '2026-12-01', to: '2026-12-22' });
    expect(register.name).toBe('so-theo-doi-phan-anh-2026-12-01-2026-12-22.xlsx');
    await api.feedbackCases({ due: 'overdue', q: 'chậm' }).catch(() => undefined);
    await api.forwardFeedback(7, { to: 'Sở Xây dựng', means: 'letter' }).catch(() => undefined);
    await api.closeFeedback(7, null).catch(() => undefined);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'GET http://server/api/admin/feedback/7/files/12',
      'GET http://server/api/admin/feedback/register.xlsx?from=2026-12-01&to=2026-12-22',
      `GET http://server/api/admin/feedback?due=overdue&q=${encodeURIComponent('chậm')}`,
      'POST http://server/api/admin/feedback/7/forward',
      'POST http://server/api/admin/feedback/7/close',
    ]);
    expect(seen.slice(0, 2).map((s) => s.auth)).toEqual(['Bearer s_abc', 'Bearer s_abc']);
    expect(seen[3]?.body).toEqual({ to: 'Sở Xây dựng', means: 'letter' });
    expect(seen[4]?.body).toEqual({ note: null });
  });
});
