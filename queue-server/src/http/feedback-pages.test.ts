import { describe, expect, it } from 'vitest';
import { getPage, pageServers } from '../testing/pages.js';
import { qrSvg } from './routes-pages.js';

const servers = pageServers();
const get = getPage;

describe("the citizen's feedback pages and their QRs", () => {
  it('serves /pa and /pa/:code from the phone build, stylesheet inline', async () => {
    for (const path of ['/pa', '/pa?t=abcdef123&from=rating', '/pa/K7PQ3M2D', '/pa/k7pq-3m2d']) {
      const r = await get(servers.h.url, path);
      expect(r.status, path).toBe(200);
      expect(r.type).toContain('text/html');
      expect(r.text).toMatch(/<script type="module"[^>]*src="\/phone\/assets\//);
      expect(r.text).not.toContain('rel="stylesheet"');
      expect(r.text).toContain('<style>');
    }
    expect((await get(servers.h.url, '/pa')).text).toContain('<title>Góp ý, phản ánh</title>');
    expect((await get(servers.h.url, '/pa/K7PQ3M2D')).text).toContain('<title>Phản ánh</title>');
  });

  it('answers a malformed case code with a plain page a citizen can read', async () => {
    for (const code of ['xx', 'K7PQ3M2U', 'ILOU-ILOU-X', '%E1%BA%A1']) {
      const r = await get(servers.h.url, `/pa/${code}`);
      expect(r.status, code).toBe(404);
      expect(r.text).toContain('Không tìm thấy phản ánh này');
      expect(r.text).toContain('This feedback case was not found');
    }
  });

  it("draws the form's QR: the poster's by default, one ticket's after an unsatisfied rating", async () => {
    const base = servers.h.url;
    const poster = await get(servers.h.url, '/pa/qr.svg');
    expect(poster.status).toBe(200);
    expect(poster.type).toContain('image/svg+xml');
    expect(poster.cache).toContain('public');
    expect(poster.text).toBe(qrSvg(`${base}/pa?from=poster`));
    const rated = await get(servers.h.url, '/pa/qr.svg?t=Ab_c-123456&from=rating');
    expect(rated.text).toBe(qrSvg(`${base}/pa?t=Ab_c-123456&from=rating`));
    expect(rated.cache).toContain('private');
    // The ticket's code is put in the address as a value, never as more of the query.
    const odd = await get(servers.h.url, `/pa/qr.svg?t=${encodeURIComponent('a&from=poster')}&from=ticket`);
    expect(odd.text).toBe(qrSvg(`${base}/pa?t=a%26from%3Dposter&from=ticket`));
    expect((await get(servers.h.url, '/pa/qr.svg?from=elsewhere')).status).toBe(400);
    expect((await get(servers.h.url, `/pa/qr.svg?t=${'x'.repeat(41)}`)).status).toBe(400);
  });

  it("prints an A4 poster with the center's name, the form's QR and what happens to a case", async () => {
    const r = await get(servers.h.url, '/pa/poster');
    expect(r.status).toBe(200);
    expect(r.text).toContain('@page{size:A4');
    expect(r.text).toContain('Góp ý, phản ánh về thủ tục, thái độ phục vụ');
    expect(r.text).toContain(`<p class="c">${servers.h.config.CENTER_NAME}</p>`);
    // The QR says it came from the poster; the address printed for typing is the short one.
    expect(r.text).toContain(qrSvg(`${servers.h.url}/pa?from=poster`));
    expect(r.text).toContain(`<p class="url">${servers.h.url}/pa</p>`);
    expect(r.text).toContain('Với mã phản ánh, bạn theo dõi được phản ánh');
  });

  it('says how to build the pages when the phone build is missing', async () => {
    for (const path of ['/pa', '/pa/K7PQ3M2D']) {
      const r = await get(servers.plain.url, path);
      expect(r.status).toBe(503);
      expect(r.text).toContain('npm run build:web');
    }
  });
});
