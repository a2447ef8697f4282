import { describe, expect, it } from 'vitest';
import { ApiError, createApi } from './api.js';
import { formatClock } from './datetime.js';
import { errorText, format, waitText } from './i18n.js';

const reply = (status: number, body: unknown) =>
  new Response(body === null ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

describe('the REST client', () => {
  it('sends the token and JSON, and returns the reply', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const api = createApi({
      baseUrl: 'http://server/',
      token: 'k_abc',
      fetch: async (url, init) => {
        seen.push({ url: String(url), init: init ?? {} });
        return reply(201, { id: 7, number: '2001' });
      },
    });
    const t = await api.issueTicket({ serviceId: 2, priority: 'elderly' });
    expect(t).toEqual({ id: 7, number: '2001' });
    expect(seen[0]!.url).toBe('http://server/api/tickets');
    expect((seen[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer k_abc');
    expect(JSON.parse(seen[0]!.init.body as string)).toEqual({ serviceId: 2, priority: 'elderly' });
  });

  it('builds query strings without empty parts', async () => {
    let url = '';
    const api = createApi({ fetch: async (u) => ((url = String(u)), reply(200, [])) });
    await api.procedures({ q: 'sổ đỏ', serviceId: undefined, limit: 5 });
    expect(url).toBe('/api/procedures?q=s%E1%BB%95+%C4%91%E1%BB%8F&limit=5');
    await api.procedures({ unmapped: true, limit: 5 });
    expect(url).toBe('/api/procedures?unmapped=true&limit=5');
    await api.procedures({ unmapped: false, limit: 5 });
    expect(url).toBe('/api/procedures?limit=5');
  });

  it("rejects with the server's code and message", async () => {
    const api = createApi({
      fetch: async () =>
        reply(409, {
          error: { code: 'LAYSO_SERVICE_CLOSED', message: 'Lĩnh vực này hiện không nhận số / closed' },
        }),
    });
    const e = await api.issueTicket({ serviceId: 1 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ code: 'LAYSO_SERVICE_CLOSED', status: 409 });
  });

  it('turns an unreachable server into LAYSO_NETWORK, and a non-JSON page too', async () => {
    const down = createApi({
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    await expect(down.services()).rejects.toMatchObject({ code: 'LAYSO_NETWORK', status: 0 });
    const proxy = createApi({ fetch: async () => new Response('<html>502</html>', { status: 502 }) });
    await expect(proxy.services()).rejects.toMatchObject({ code: 'LAYSO_NETWORK', status: 502 });
  });
});

describe('messages', () => {
  it('splits a server message into its languages and knows the catalogue', () => {
    expect(errorText('LAYSO_X', 'Tiếng Việt / English')).toEqual({ vi: 'Tiếng Việt', en: 'English' });
    expect(errorText('LAYSO_DAILY_CAP_REACHED').vi).toBe('Lĩnh vực này đã hết số trong ngày hôm nay');
  });

  it('says waits as a citizen would', () => {
    expect(waitText(0).vi).toBe('Sắp đến lượt');
    expect(waitText(12)).toEqual({ vi: 'Khoảng 12 phút', en: 'About 12 min' });
    expect(waitText(75).vi).toBe('Khoảng 1 giờ 15 phút');
    expect(waitText(120).vi).toBe('Khoảng 2 giờ');
  });

  it('fills placeholders in both languages', () => {
    expect(format({ vi: 'Đang chờ: {n} người', en: 'Waiting: {n}' }, { n: 3 })).toEqual({
      vi: 'Đang chờ: 3 người',
      en: 'Waiting: 3',
    });
  });

  it('tells the time in Vietnam whatever the device zone', () => {
    const c = formatClock(new Date('2026-12-02T17:30:00Z'));
    expect(c.time).toBe('00:30');
    expect(c.vi).toBe('Thứ Năm, 03/12/2026');
  });
});
