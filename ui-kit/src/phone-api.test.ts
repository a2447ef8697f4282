import { ENDPOINTS } from '@layso/protocol';
import { PHONE_PATHS } from '@layso/protocol/phone-paths';
import { describe, expect, it } from 'vitest';
import { ApiError, createPhoneApi } from './phone-api.js';

const reply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe("the phone pages' REST client", () => {
  it('calls each phone endpoint by its name with the method and path of the endpoint table', async () => {
    for (const [name, p] of Object.entries(PHONE_PATHS)) {
      const entry = Object.entries(ENDPOINTS).find(([n]) => n === name)?.[1];
      expect(entry, name).toMatchObject({ method: p.method, path: p.path });
    }
    const seen: { url: string; method?: string; body?: unknown }[] = [];
    const api = createPhoneApi({
      fetch: async (url, init) => {
        seen.push({ url: String(url), method: init?.method, body: init?.body });
        return reply(200, { subscribed: true, events: ['called'] });
      },
    });
    const r = await api.callPath('pushUnsubscribe', {
      params: { code: 'a/b c' },
      body: { endpoint: 'https://push.example/1' },
    });
    expect(r.subscribed).toBe(true);
    expect(seen).toEqual([
      {
        url: '/api/public/tickets/a%2Fb%20c/push',
        method: 'DELETE',
        body: JSON.stringify({ endpoint: 'https://push.example/1' }),
      },
    ]);
  });

  it("sends a call's query (the booking page's days and slots), leaving out what is unset", async () => {
    const urls: string[] = [];
    const api = createPhoneApi({
      fetch: async (url) => {
        urls.push(String(url));
        return reply(200, { serviceId: 3, day: '2026-12-14', slots: [] });
      },
    });
    await api.callPath('bookingSlots', { query: { serviceId: 3, day: '2026-12-14' } });
    await api.callPath('procedures', { query: { q: 'khai sinh', serviceId: undefined } });
    expect(urls).toEqual([
      '/api/public/booking/slots?serviceId=3&day=2026-12-14',
      '/api/procedures?q=khai+sinh',
    ]);
  });

  it("rejects with the server's code and message, read as createApi reads them", async () => {
    const api = createPhoneApi({
      fetch: async () =>
        reply(409, {
          error: { code: 'LAYSO_TICKET_NOT_WAITING', message: 'Số này không còn chờ / not waiting' },
        }),
    });
    const e = await api.callPath('ticketLeave', { params: { code: 'abcdef' } }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ code: 'LAYSO_TICKET_NOT_WAITING', status: 409 });
    const down = createPhoneApi({
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    await expect(down.callPath('pushKey')).rejects.toMatchObject({ code: 'LAYSO_NETWORK', status: 0 });
  });
});
