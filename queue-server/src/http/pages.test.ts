import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnInstant } from '../domain/time.js';
import { ManualClock, startHarness, type Harness } from '../testing/harness.js';
import { TRACK_SCRIPT } from './routes-pages.js';

const clock = new ManualClock(vnInstant('2026-11-30', 16 * 60 + 50));
let h: Harness;
/** A server without the phone build: `/t/:code` is then the plain page drawn by the server, with its own script. */
let plain: Harness;
const noWeb = mkdtempSync(join(tmpdir(), 'layso-plain-'));
beforeAll(async () => {
  h = await startHarness({ clock });
  plain = await startHarness({ clock, env: { WEB_DIR: noWeb } });
});
afterAll(async () => {
  await h.close();
  await plain.close();
  rmSync(noWeb, { recursive: true, force: true });
});

describe('the tracking page behind the ticket QR', () => {
  it('follows the ticket today and says it expired on a later day, without personal data', async () => {
    const serviceId = h.store.catalogue.services()[0]!.id;
    const t = await h.api('/api/tickets', {
      token: h.credentials.kioskToken,
      body: { serviceId, intake: { consent: true, fullName: 'Phạm Thị Hoa', phone: '0901234567' } },
    });
    const today = await (await fetch(t.body.trackingUrl)).text();
    expect(today).toContain(t.body.number);
    expect(today).toContain('Đang chờ');
    clock.set(vnInstant('2026-12-01', 7 * 60));
    const tomorrow = await (await fetch(t.body.trackingUrl)).text();
    expect(tomorrow).toContain('30/11/2026');
    expect(tomorrow).toContain('hết hiệu lực');
    for (const page of [today, tomorrow]) {
      expect(page).not.toContain('Phạm Thị Hoa');
      expect(page).not.toContain('0901234567');
    }
    for (const code of ['AAAAAAAAAAAA', 'x']) {
      const unknown = await fetch(`${h.url}/t/${code}`);
      expect(unknown.status).toBe(404);
      expect(await unknown.text()).toContain('Không tìm thấy số thứ tự này');
    }
  });
});

/** The page's script run against a stand-in DOM: its poll is called by hand, fetch goes to the real server. */
function runTrackScript(html: string, base: string) {
  const attr = (name: string) => new RegExp(`data-${name}="([^"]+)"`).exec(html)?.[1] ?? '';
  const el = (id: string) => ({ id, textContent: '', dataset: { code: attr('code'), day: attr('day') } });
  const els = { t: el('t'), s: el('s'), a: el('a') };
  let tick: (() => Promise<void>) | null = null;
  let stopped = false;
  const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1] ?? '';
  runInNewContext(script, {
    document: { getElementById: (id: keyof typeof els) => els[id] },
    fetch: (path: string) => fetch(`${base}${path}`),
    encodeURIComponent,
    setInterval: (fn: () => Promise<void>) => {
      tick = fn;
      return 1;
    },
    clearInterval: () => {
      stopped = true;
    },
  });
  return {
    els,
    stopped: () => stopped,
    async poll() {
      if (!tick) throw new Error('the page set no poll');
      await tick();
    },
  };
}

describe('a tracking page left open across midnight', () => {
  it('shows the live status, then says the ticket is over once its day has passed', async () => {
    clock.set(vnInstant('2026-12-01', 9 * 60));
    const serviceId = plain.store.catalogue.services()[0]!.id;
    const t = await plain.api('/api/tickets', { token: plain.credentials.kioskToken, body: { serviceId } });
    expect(t.status).toBe(201);
    const code = t.body.trackingCode as string;
    const html = await (await fetch(t.body.trackingUrl)).text();
    const page = runTrackScript(html, plain.url);

    await page.poll();
    expect(page.els.s.textContent).toBe('Đang chờ');
    expect(page.els.a.textContent).toContain('Số người chờ trước bạn: 0');
    expect((await plain.api(`/api/track/${code}`)).body).toMatchObject({ expired: false, ahead: 0 });

    clock.set(vnInstant('2026-12-02', 0 * 60 + 5));
    expect((await plain.api(`/api/track/${code}`)).body).toMatchObject({ expired: true });
    await page.poll();
    expect(page.els.s.textContent).toBe(
      'Số này được cấp ngày 01/12/2026 và đã hết hiệu lực. Vui lòng lấy số mới tại ki-ốt.',
    );
    expect(page.els.a.textContent).toContain('no longer valid');
    expect(page.els.a.textContent).not.toContain('chờ trước');
    expect(page.stopped()).toBe(true);
  });
});

describe('security headers on every page the server sends', () => {
  const expectSecure = (res: Response, what: string) => {
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp, what).toContain("frame-ancestors 'none'");
    expect(csp, what).toContain("default-src 'self'");
    expect(csp, what).toMatch(/script-src 'self'/);
    expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
    return csp;
  };

  it('on tracking pages (live, over, unknown), allowing exactly the page script by its hash', async () => {
    clock.set(vnInstant('2026-12-02', 9 * 60));
    const serviceId = plain.store.catalogue.services()[0]!.id;
    const t = await plain.api('/api/tickets', { token: plain.credentials.kioskToken, body: { serviceId } });
    const live = await fetch(t.body.trackingUrl);
    const csp = expectSecure(live, 'live');
    const html = await live.text();
    expect(html).toContain(`<script>${TRACK_SCRIPT}</script>`);
    const hash = createHash('sha256').update(TRACK_SCRIPT).digest('base64');
    expect(csp).toContain(`'sha256-${hash}'`);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);

    const unknown = await fetch(`${plain.url}/t/AAAAAAAAAAAA`);
    expect(unknown.status).toBe(404);
    expectSecure(unknown, 'unknown');
    clock.set(vnInstant('2026-12-03', 9 * 60));
    expectSecure(await fetch(t.body.trackingUrl), 'over');
    expectSecure(await fetch(`${h.url}/kiosk`), 'app');

    // The phone build's page: the ticket drawn and carried as data, and no inline script allowed.
    const mine = await h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId } });
    const phone = await fetch(mine.body.trackingUrl);
    const phoneCsp = expectSecure(phone, 'phone');
    expect(phoneCsp).not.toContain('sha256-');
    const page = await phone.text();
    expect(page).toContain('id="ticket-data"');
    expect(page).toContain(`<div class="ph-number">${mine.body.number}</div>`);
  });

  it('on the page that says a screen is not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'layso-noweb-'));
    const bare = await startHarness({ env: { WEB_DIR: empty } });
    try {
      const res = await fetch(`${bare.url}/display`);
      expect(res.status).toBe(503);
      expectSecure(res, 'not built');
      expect(await res.text()).toContain('npm run build:web');
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
