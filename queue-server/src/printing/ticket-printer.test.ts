import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startVirtualPrinter, type VirtualPrinter } from '@layso/printer-drivers';
import type { KioskPrinterChanged, PrinterFault, PrinterStatusChanged, Snapshot } from '@layso/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.js';
import { issue, login, next, socket } from '../testing/kit.js';

let h: Harness;
let printer: VirtualPrinter;
let outDir: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'layso-printed-'));
  printer = await startVirtualPrinter({ port: 0, host: '127.0.0.1', outDir });
  h = await startHarness({ printerUrl: `tcp://127.0.0.1:${printer.port}` });
});
afterAll(async () => {
  await h.close();
  await printer.close();
  rmSync(outDir, { recursive: true, force: true });
});

/** A ticket for the first service. */
const take = () => issue(h, h.store.catalogue.services()[0]!.id);

describe('server-side ticket printing', () => {
  it('prints the ticket as ESC/POS raster with its tracking QR to the printer', async () => {
    const ticket = await take();
    const job = printer.nextJob(10_000);
    const r = await h.api(`/api/tickets/${ticket.id}/print`, {
      token: h.credentials.kioskToken,
      method: 'POST',
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ printed: true, error: null });
    const received = await job;
    expect(received.printed).toBe(true);
    expect(received.bitmap?.width).toBe(576);
    expect(received.bitmap?.height).toBeGreaterThan(400);
    expect(received.pngPath).toMatch(/\.png$/);
    expect(ticket.trackingUrl).toMatch(new RegExp(`^${h.url}/t/`));
  });

  it("prints a booked ticket with its mark, taller than a walk-in's", async () => {
    const print = async (id: number) => {
      const job = printer.nextJob(10_000);
      const r = await h.api(`/api/tickets/${id}/print`, { token: h.credentials.kioskToken, method: 'POST' });
      expect(r.body).toEqual({ printed: true, error: null });
      return (await job).bitmap?.height ?? 0;
    };
    const serviceId = h.store.catalogue.services()[0]!.id;
    const now = new Date();
    h.store.bookings.insert({
      code: 'PRNT0001',
      serviceId,
      procedureId: null,
      day: h.server.ctx.queue.today(),
      slotStart: now,
      slotEnd: new Date(now.getTime() + 30 * 60_000),
      cccdHash: h.server.ctx.bookingIdentity.cccdHash('079203009999'),
      cccdLast: '999',
      phone: '0912345678',
      at: now,
    });
    const checkedIn = await h.api('/api/kiosk/check-in', {
      token: h.credentials.kioskToken,
      body: { code: 'PRNT-0001' },
    });
    expect(checkedIn.body.outcome).toBe('issued');
    const walkIn = await take();
    expect(await print(checkedIn.body.ticketId)).toBeGreaterThan(await print(walkIn.id));
  });

  it('reports paper out to the kiosk and the admin, and does not claim success', async () => {
    const admin = socket(h, '/admin', { token: (await login(h, 'admin')).token });
    await next(admin, 'snapshot');
    const fault = next<PrinterFault>(admin, 'printer:fault');
    printer.setState('paper-out');
    try {
      const ticket = await take();
      const r = await h.api(`/api/tickets/${ticket.id}/print`, {
        token: h.credentials.kioskToken,
        method: 'POST',
      });
      expect(r.status).toBe(200);
      expect(r.body.printed).toBe(false);
      expect(r.body.error.code).toBe('LAYSO_PRINTER_PAPER_OUT');
      expect((await fault).ticketId).toBe(ticket.id);
    } finally {
      printer.setState('ready');
    }
  });

  it('a kiosk reprints only its own ticket of today while it waits', async () => {
    const ticket = await take();
    const admin = await login(h, 'admin');
    const other = await h.api('/api/admin/devices', {
      token: admin.token,
      body: { kind: 'kiosk', name: 'Ki-ốt 2' },
    });
    const foreign = await h.api(`/api/tickets/${ticket.id}/print`, {
      token: other.body.token,
      method: 'POST',
    });
    expect(foreign.status).toBe(403);
    const o = h.credentials.officers.find(
      (x) => h.store.counters.byId(x.counterId)!.serviceIds[0] === h.store.catalogue.services()[0]!.id,
    )!;
    const officer = await login(h, o.username);
    for (let i = 0; i < 50; i++) {
      const r = await h.api(`/api/counters/${o.counterId}/call-next`, {
        token: officer.token,
        method: 'POST',
      });
      if (r.body.ticket.id === ticket.id) break;
      await h.api(`/api/tickets/${r.body.ticket.id}/no-show`, { token: officer.token, method: 'POST' });
    }
    const late = await h.api(`/api/tickets/${ticket.id}/print`, {
      token: h.credentials.kioskToken,
      method: 'POST',
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('LAYSO_INVALID_TRANSITION');
  });

  it('only kiosks may print', async () => {
    const ticket = await take();
    const r = await h.api(`/api/tickets/${ticket.id}/print`, {
      token: h.credentials.displayToken,
      method: 'POST',
    });
    expect(r.status).toBe(403);
  });

  it("tells kiosks and the admin the printer's state before anyone taps, and only when it changes", async () => {
    // The last test left the printer ready, but the server knows it only at its next check.
    await h.server.ctx.printer.check();
    const adminSocket = socket(h, '/admin', { token: (await login(h, 'admin')).token });
    const kiosk = socket(h, '/kiosk', { token: h.credentials.kioskToken });
    const [kioskSnapshot, adminSnapshot] = [
      next<Snapshot>(kiosk, 'snapshot'),
      next<Snapshot>(adminSocket, 'snapshot'),
    ];
    try {
      expect((await kioskSnapshot).printer?.state).toBe('ready');
      expect((await adminSnapshot).printer?.state).toBe('ready');
      const heard = (s: typeof kiosk) => next<PrinterStatusChanged>(s, 'printer:status');
      const [toAdmin, toKiosk] = [heard(adminSocket), heard(kiosk)];
      printer.setState('paper-near-end');
      // The poll runs every PRINTER_POLL_SECONDS; a check on demand stands in for the next tick.
      await h.server.ctx.printer.check();
      expect((await toAdmin).state).toBe('paper-near-end');
      expect((await toKiosk).state).toBe('paper-near-end');
      const settings = await h.api('/api/kiosk/settings', { token: h.credentials.kioskToken });
      expect(settings.body).toMatchObject({
        printerFaultMode: 'screen',
        printer: { state: 'paper-near-end' },
      });
      // The same state again is no news.
      let repeats = 0;
      kiosk.on('printer:status', () => (repeats += 1));
      await h.server.ctx.printer.check();
      const back = heard(kiosk);
      printer.setState('ready');
      await h.server.ctx.printer.check();
      expect((await back).state).toBe('ready');
      expect(repeats).toBe(1);
    } finally {
      printer.setState('ready');
    }
  });

  it("a kiosk with its own printer tells the admin that printer's state; nobody else may", async () => {
    const admin = socket(h, '/admin', { token: (await login(h, 'admin')).token });
    await next(admin, 'snapshot');
    const heard = next<KioskPrinterChanged>(admin, 'kiosk:printer');
    const r = await h.api('/api/kiosk/printer', {
      token: h.credentials.kioskToken,
      body: { state: 'paper-out' },
    });
    expect(r.status).toBe(204);
    const kiosk = h.store.devices.all().find((d) => d.kind === 'kiosk')!;
    expect(await heard).toMatchObject({ deviceId: kiosk.id, deviceName: kiosk.name, state: 'paper-out' });
    const display = await h.api('/api/kiosk/printer', {
      token: h.credentials.displayToken,
      body: { state: 'ready' },
    });
    expect(display.status).toBe(403);
    const bad = await h.api('/api/kiosk/printer', {
      token: h.credentials.kioskToken,
      body: { state: 'not-configured' },
    });
    expect(bad.status).toBe(400);
  });

  it('a kiosk reads its settings; nobody else may', async () => {
    const r = await h.api('/api/kiosk/settings', { token: h.credentials.displayToken });
    expect(r.status).toBe(403);
    const anon = await h.api('/api/kiosk/settings');
    expect(anon.status).toBe(401);
  });

  it('draws the ticket QR as SVG for a screen, and refuses an unknown code', async () => {
    const ticket = await take();
    const code = new URL(ticket.trackingUrl).pathname.split('/').pop();
    const res = await fetch(`${h.url}/t/${code}/qr.svg`);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = await res.text();
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 (\d+) \1"/);
    expect((await fetch(`${h.url}/t/ZZZZZZZZ/qr.svg`)).status).toBe(404);
  });
});
