/**
 * Dossier codes and the Mẫu 01 receipt slip over HTTP: the real server on port 0 (demo center, AGENCY_ID set)
 * printing to a real virtual printer from printer-drivers, which decodes what it receives into a PNG.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startVirtualPrinter, type VirtualPrinter } from '@layso/printer-drivers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.js';
import { issue, login } from '../testing/kit.js';

const AGENCY = '000.00.12.H62';
let h: Harness;
let printer: VirtualPrinter;
let outDir: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'layso-receipts-'));
  printer = await startVirtualPrinter({ port: 0, host: '127.0.0.1', outDir });
  h = await startHarness({
    env: { AGENCY_ID: AGENCY.toLowerCase() },
    receiptPrinterUrl: `tcp://127.0.0.1:${printer.port}`,
  });
});
afterAll(async () => {
  await h.close();
  await printer.close();
  rmSync(outDir, { recursive: true, force: true });
});

/** A citizen (with consented intake) takes a number for the officer's counter; the officer calls it. */
async function atCounter(officer: { token: string; counterId: number }): Promise<number> {
  const serviceId = h.store.counter(officer.counterId)!.serviceIds[0]!;
  const issued = await issue(h, serviceId, { intake: { consent: true, fullName: 'Nguyễn Thị Ánh Tuyết' } });
  const call = await h.api(`/api/counters/${officer.counterId}/call-next`, {
    token: officer.token,
    method: 'POST',
  });
  expect(call.body.ticket.id).toBe(issued.id);
  return issued.id;
}

const today = () => {
  const local = new Date(Date.now() + 7 * 3_600_000).toISOString();
  return `${local.slice(2, 4)}${local.slice(5, 7)}${local.slice(8, 10)}`;
};

describe('dossier codes at the finish', () => {
  it('refuses a malformed code with a clear 400 that names the wrong part, and changes nothing', async () => {
    const officer = await login(h, 3);
    const id = await atCounter(officer);
    const bad = await h.api(`/api/tickets/${id}/finish`, {
      token: officer.token,
      body: { outcome: 'returned', dossier: { code: `${AGENCY}-261399-0001` } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      code: 'LAYSO_DOSSIER_CODE_INVALID',
      message: expect.stringMatching(/^Mã hồ sơ không hợp lệ.* \/ Invalid dossier code/),
      details: { problem: 'date', message: expect.stringContaining('ngày có thật') },
    });
    expect(h.store.ticket(id)).toMatchObject({ status: 'called', dossierCode: null });
    // A returned dossier names the dossier it returns, even where codes are generated.
    const missing = await h.api(`/api/tickets/${id}/finish`, {
      token: officer.token,
      body: { outcome: 'returned' },
    });
    expect(missing.body.error.code).toBe('LAYSO_DOSSIER_REQUIRED');
    const typed = await h.api(`/api/tickets/${id}/finish`, {
      token: officer.token,
      body: { outcome: 'returned', dossier: { code: ` ${AGENCY.toLowerCase()}-261127-0004 ` } },
    });
    expect(typed.body).toMatchObject({ status: 'done', dossierCode: `${AGENCY}-261127-0004` });
  });

  it('generates the code of a received dossier left without one, and tells the console it does', async () => {
    const officer = await login(h, 4);
    const queue = await h.api(`/api/counters/${officer.counterId}/queue`, { token: officer.token });
    expect(queue.body.dossierCodes).toBe('generated');
    const codes: string[] = [];
    for (let i = 0; i < 2; i++) {
      const id = await atCounter(officer);
      const done = await h.api(`/api/tickets/${id}/finish`, {
        token: officer.token,
        body: { outcome: 'received', dossier: { appointmentAt: '2026-12-09T14:00:00+07:00' } },
      });
      expect(done.status).toBe(200);
      codes.push(done.body.dossierCode);
    }
    expect(codes[0]).toMatch(new RegExp(`^${AGENCY.replace(/\./g, '\\.')}-${today()}-\\d{4}$`));
    expect(Number(codes[1]!.slice(-4))).toBe(Number(codes[0]!.slice(-4)) + 1);
  });
});

describe('POST /api/tickets/:id/receipt', () => {
  let officer: { token: string; counterId: number };
  let received: number;

  beforeAll(async () => {
    officer = await login(h, 5);
    received = await atCounter(officer);
    const done = await h.api(`/api/tickets/${received}/finish`, {
      token: officer.token,
      body: { outcome: 'received', dossier: { appointmentAt: '2026-12-09T14:00:00+07:00' } },
    });
    expect(done.status).toBe(200);
  });

  it('prints the Mẫu 01 slip on the counter printer, which gets one job that decodes to a PNG', async () => {
    const job = printer.nextJob(10_000);
    const r = await h.api(`/api/tickets/${received}/receipt`, {
      token: officer.token,
      body: { documents: ['Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp'], processingTime: '10 ngày làm việc' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ printed: true, error: null });
    const got = await job;
    expect(got.printed).toBe(true);
    expect(got.bitmap?.width).toBe(576);
    // A receipt is a long slip: title, codes, applicant, times, two signature columns.
    expect(got.bitmap?.height).toBeGreaterThan(900);
    expect(got.pngPath).toMatch(/\.png$/);
    const png = readFileSync(got.pngPath!);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  it('reports a printer fault as a normal reply the console shows (paper out), never a 5xx', async () => {
    printer.setState('paper-out');
    try {
      const r = await h.api(`/api/tickets/${received}/receipt`, { token: officer.token, body: {} });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ printed: false, error: { code: 'LAYSO_PRINTER_PAPER_OUT' } });
      expect(r.body.error.message).toMatch(/ \/ /);
    } finally {
      printer.setState('ready');
    }
  });

  it('refuses a ticket that is not a received dossier, one without an appointment, and an unknown one', async () => {
    const guidance = await atCounter(officer);
    await h.api(`/api/tickets/${guidance}/finish`, { token: officer.token, body: { outcome: 'guidance' } });
    const notReceived = await h.api(`/api/tickets/${guidance}/receipt`, { token: officer.token, body: {} });
    expect(notReceived.status).toBe(409);
    expect(notReceived.body.error.code).toBe('LAYSO_RECEIPT_NOT_RECEIVED');

    const called = await atCounter(officer);
    const notDone = await h.api(`/api/tickets/${called}/receipt`, { token: officer.token, body: {} });
    expect(notDone.body.error.code).toBe('LAYSO_RECEIPT_NOT_RECEIVED');
    await h.api(`/api/tickets/${called}/finish`, { token: officer.token, body: { outcome: 'received' } });
    const noDate = await h.api(`/api/tickets/${called}/receipt`, { token: officer.token, body: {} });
    expect(noDate.status).toBe(400);
    expect(noDate.body.error.code).toBe('LAYSO_RECEIPT_NEEDS_APPOINTMENT');

    const unknown = await h.api('/api/tickets/999999/receipt', { token: officer.token, body: {} });
    expect(unknown.status).toBe(404);
    const badBody = await h.api(`/api/tickets/${received}/receipt`, {
      token: officer.token,
      body: { documents: 'not a list' },
    });
    expect(badBody.body.error.code).toBe('LAYSO_VALIDATION');
  });

  it('is for the officer seated at the counter that finished the ticket only', async () => {
    const other = await login(h, 6);
    const r = await h.api(`/api/tickets/${received}/receipt`, { token: other.token, body: {} });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('LAYSO_WRONG_COUNTER');
    const kiosk = await h.api(`/api/tickets/${received}/receipt`, {
      token: h.credentials.kioskToken,
      body: {},
    });
    expect(kiosk.status).toBe(403);
    expect((await h.api(`/api/tickets/${received}/receipt`, { body: {} })).status).toBe(401);
  });
});

describe('a receipt printer that does not answer', () => {
  it('answers printed:false with the link error when nothing listens on the port', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createTcpServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const off = await startHarness({ receiptPrinterUrl: `tcp://127.0.0.1:${port}` });
    try {
      const o = off.credentials.officers[3]!;
      const token = (
        await off.api('/api/auth/login', { body: { username: o.username, password: o.password } })
      ).body.token as string;
      const serviceId = off.store.counter(o.counterId)!.serviceIds[0]!;
      await off.api('/api/tickets', { token: off.credentials.kioskToken, body: { serviceId } });
      const t = (await off.api(`/api/counters/${o.counterId}/call-next`, { token, method: 'POST' })).body
        .ticket;
      const done = await off.api(`/api/tickets/${t.id}/finish`, {
        token,
        body: {
          outcome: 'received',
          dossier: { code: `${AGENCY}-261127-0009`, appointmentAt: '2026-12-09T14:00:00+07:00' },
        },
      });
      expect(done.status).toBe(200);
      const r = await off.api(`/api/tickets/${t.id}/receipt`, { token, body: {} });
      expect(r.status).toBe(200);
      expect(r.body.printed).toBe(false);
      expect(r.body.error.code).toMatch(
        /^LAYSO_PRINTER_(UNREACHABLE|OFFLINE|CONNECT_TIMEOUT|CONNECTION_LOST)$/,
      );
      expect(r.body.error.message).toMatch(/ \/ /);
    } finally {
      await off.close();
    }
  });
});
