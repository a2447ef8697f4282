import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startVirtualPrinter, type VirtualPrinter } from '@layso/printer-drivers';
import type { KioskPrinterChanged, PrinterFault, PrinterStatusChanged, Snapshot } from '@layso/protocol';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.js';

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

async function issue(): Promise<{ id: number; trackingUrl: string; number: string }> {
  const serviceId = h.store.catalogue.services()[0]!.id;
  const r = await h.api('/api/tickets', { token: h.credentials.kioskToken, body: { serviceId } });
  expect(r.status).toBe(201);
  return r.body;
}

describe('server-side ticket printing', () => {
  it('prints the ticket as ESC/POS raster with its tracking QR to the printer', async () => {
    const ticket = await issue();
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

  it('reports paper out to the kiosk and the admin, and does not claim success', async () => {
    const admin = await h.api('/api/auth/login', { body: h.credentials.admin });
    const socket = io(`${h.url}/admin`, {
      auth: { token: admin.body.token },
      transports: ['websocket'],
      reconnection: false,
    });
    await new Promise((resolve) => socket.once('snapshot', resolve));
    const fault = new Promise<PrinterFault>((resolve) => socket.once('printer:fault', resolve));
    printer.setState('paper-out');
    try {
      const ticket = await issue();
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
      socket.close();
    }
  });

  it('a kiosk reprints only its own ticket of today while it waits', async () => {
    const ticket = await issue();
    const admin = await h.api('/api/auth/login', { body: h.credentials.admin });
    const other = await h.api('/api/admin/devices', {
      token: admin.body.token,
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
    const officer = await h.api('/api/auth/login', { body: { username: o.username, password: o.password } });
    for (let i = 0; i < 50; i++) {
      const r = await h.api(`/api/counters/${o.counterId}/call-next`, {
        token: officer.body.token,
        method: 'POST',
      });
      if (r.body.ticket.id === ticket.id) break;
      await h.api(`/api/tickets/${r.body.ticket.id}/no-show`, { token: officer.body.token, method: 'POST' });
    }
    const late = await h.api(`/api/tickets/${ticket.id}/print`, {
      token: h.credentials.kioskToken,
      method: 'POST',
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('LAYSO_INVALID_TRANSITION');
  });

  it('only kiosks may print', async () => {
    const ticket = await issue();
    const r = await h.api(`/api/tickets/${ticket.id}/print`, {
      token: h.credentials.displayToken,
      method: 'POST',
    });
    expect(r.status).toBe(403);
  });

  it("tells kiosks and the admin the printer's state before anyone taps, and only when it changes", async () => {
    // The last test left the printer ready, but the server knows it only at its next check.
    await h.server.ctx.printer.check();
    const admin = await h.api('/api/auth/login', { body: h.credentials.admin });
    const listen = (ns: '/admin' | '/kiosk', token: string) => {
      const socket = io(`${h.url}${ns}`, { auth: { token }, transports: ['websocket'], reconnection: false });
      return { socket, snapshot: new Promise<Snapshot>((r) => socket.once('snapshot', r)) };
    };
    const a = listen('/admin', admin.body.token);
    const k = listen('/kiosk', h.credentials.kioskToken);
    const [adminSocket, kiosk] = [a.socket, k.socket];
    try {
      expect((await k.snapshot).printer?.state).toBe('ready');
      expect((await a.snapshot).printer?.state).toBe('ready');
      const heard = (s: typeof kiosk) =>
        new Promise<PrinterStatusChanged>((r) => s.once('printer:status', r));
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
      adminSocket.close();
      kiosk.close();
    }
  });

  it("a kiosk with its own printer tells the admin that printer's state; nobody else may", async () => {
    const admin = await h.api('/api/auth/login', { body: h.credentials.admin });
    const socket = io(`${h.url}/admin`, {
      auth: { token: admin.body.token },
      transports: ['websocket'],
      reconnection: false,
    });
    try {
      await new Promise((resolve) => socket.once('snapshot', resolve));
      const heard = new Promise<KioskPrinterChanged>((resolve) => socket.once('kiosk:printer', resolve));
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
    } finally {
      socket.close();
    }
  });

  it('a kiosk reads its settings; nobody else may', async () => {
    const r = await h.api('/api/kiosk/settings', { token: h.credentials.displayToken });
    expect(r.status).toBe(403);
    const anon = await h.api('/api/kiosk/settings');
    expect(anon.status).toBe(401);
  });

  it('draws the ticket QR as SVG for a screen, and refuses an unknown code', async () => {
    const ticket = (await issue()) as { trackingUrl: string };
    const code = new URL(ticket.trackingUrl).pathname.split('/').pop();
    const res = await fetch(`${h.url}/t/${code}/qr.svg`);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = await res.text();
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 (\d+) \1"/);
    expect((await fetch(`${h.url}/t/ZZZZZZZZ/qr.svg`)).status).toBe(404);
  });
});
