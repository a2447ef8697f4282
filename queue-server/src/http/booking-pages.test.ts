import { describe, expect, it } from 'vitest';
import { getPage, pageServers } from '../testing/pages.js';
import { qrSvg } from './routes-pages.js';

const servers = pageServers();
const get = getPage;

describe("the citizen's booking pages and their QRs", () => {
  it('serves /dat-lich and /b/:code from the phone build, stylesheet inline', async () => {
    for (const path of ['/dat-lich', '/b/K7PQ3M2D', '/b/k7pq-3m2d']) {
      const r = await get(servers.h.url, path);
      expect(r.status, path).toBe(200);
      expect(r.type).toContain('text/html');
      expect(r.text).toMatch(/<script type="module"[^>]*src="\/phone\/assets\//);
      expect(r.text).not.toContain('rel="stylesheet"');
      expect(r.text).toContain('<style>');
    }
  });

  it('answers a malformed booking code with a plain page a citizen can read', async () => {
    for (const code of ['xx', 'K7PQ3M2U', 'ILOU-ILOU-X', '%E1%BA%A1']) {
      const r = await get(servers.h.url, `/b/${code}`);
      expect(r.status, code).toBe(404);
      expect(r.text).toContain('Không tìm thấy lịch hẹn này');
      expect(r.text).toContain('This booking was not found');
    }
  });

  it("draws a booking's QR as its page's address, whatever spelling the code was typed in", async () => {
    const want = qrSvg(`${servers.h.config.publicUrl}/b/K7PQ3M2D`);
    for (const code of ['K7PQ3M2D', 'k7pq-3m2d']) {
      const r = await get(servers.h.url, `/b/${code}/qr.svg`);
      expect(r.status).toBe(200);
      expect(r.type).toContain('image/svg+xml');
      expect(r.text).toBe(want);
    }
    expect((await get(servers.h.url, '/b/nope/qr.svg')).status).toBe(400);
    const start = await get(servers.h.url, '/dat-lich/qr.svg');
    expect(start.text).toBe(qrSvg(`${servers.h.config.publicUrl}/dat-lich`));
  });

  it("prints an A4 poster with the center's name, the booking page's QR and the steps", async () => {
    const r = await get(servers.h.url, '/dat-lich/poster');
    expect(r.status).toBe(200);
    expect(r.text).toContain('@page{size:A4');
    expect(r.text).toContain('Đặt lịch trước, không phải xếp hàng');
    expect(r.text).toContain(`<p class="c">${servers.h.config.CENTER_NAME}</p>`);
    expect(r.text).toContain(qrSvg(`${servers.h.config.publicUrl}/dat-lich`));
    expect(r.text).toContain(`${servers.h.config.publicUrl}/dat-lich`);
  });

  it('says how to build the pages when the phone build is missing', async () => {
    for (const path of ['/dat-lich', '/b/K7PQ3M2D']) {
      const r = await get(servers.plain.url, path);
      expect(r.status).toBe(503);
      expect(r.text).toContain('npm run build:web');
    }
  });
});
