import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startVirtualPrinter, type VirtualPrinter } from '@layso/printer-drivers';
import type { PrinterFault } from '@layso/protocol';
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
  const serviceId = h.store.services()[0]!.id;
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
      (x) => h.store.counter(x.counterId)!.serviceIds[0] === h.store.services()[0]!.id,
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
});
