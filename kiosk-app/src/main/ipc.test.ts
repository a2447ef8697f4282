import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { PrintableFeedbackSlip, PrintableTicket } from '../bridge.js';
import { CHANNELS } from './channels.js';
import { loadConfig } from './config.js';
import { PRINTER_NOT_LOCAL, registerIpc } from './ipc.js';
import type { LocalPrinter } from './printing.js';
import { FakeIpcMain, FakeWebContents } from './testing/fake-electron.js';

const ORIGIN = 'http://10.0.0.2:8080';
const PAGE = `${ORIGIN}/kiosk`;
const INVALID = {
  ok: false,
  error: { code: 'LAYSO_VALIDATION', message: 'Dữ liệu không hợp lệ / Invalid input' },
};

const TICKET: PrintableTicket = {
  number: '1005',
  serviceName: 'Sở Tư pháp',
  priorityLabel: null,
  ahead: 4,
  estimatedWaitMinutes: 12,
  issuedAt: '2026-11-27T08:15:00+07:00',
  trackingUrl: `${ORIGIN}/t/8f3a2c7e-1005`,
};

const SLIP: PrintableFeedbackSlip = {
  code: 'K7PQ-3M2D',
  receivedAt: '2026-11-27T08:15:00+07:00',
  answerDueDay: '2026-12-11',
  url: `${ORIGIN}/pa/K7PQ3M2D`,
  answerByNotice: false,
};

function setup(env: Record<string, string> = {}) {
  const config = loadConfig({
    env: {
      KIOSK_SERVER_URL: ORIGIN,
      KIOSK_DEVICE_TOKEN: 'tok-123',
      KIOSK_PRINTER_URL: 'tcp://127.0.0.1',
      ...env,
    },
    userDataDir: '/nonexistent',
  });
  const ipcMain = new FakeIpcMain();
  const wc = new FakeWebContents();
  const printer = {
    print: vi.fn<LocalPrinter['print']>(async () => ({ printed: true, state: 'ready' as const })),
    printFeedbackSlip: vi.fn<LocalPrinter['printFeedbackSlip']>(async () => ({
      printed: true,
      state: 'ready' as const,
    })),
    status: vi.fn<LocalPrinter['status']>(async () => ({ state: 'paper-near-end' as const })),
  };
  const logs: string[] = [];
  const dispose = registerIpc({
    ipcMain,
    webContents: () => wc as unknown as WebContents,
    config,
    printer: config.printer.kind === 'local' ? printer : null,
    log: (m) => logs.push(m),
  });
  const call = (channel: string, ...args: unknown[]) => ipcMain.invoke(channel, wc, PAGE, ...args);
  return { ipcMain, wc, printer, call, dispose, logs };
}

describe('IPC handlers', () => {
  it('answers config with what the page needs', async () => {
    const { call } = setup({ KIOSK_LANGUAGE: 'en', KIOSK_IDLE_SECONDS: '45' });
    expect(await call(CHANNELS.config)).toEqual({
      ok: true,
      value: {
        serverUrl: ORIGIN,
        deviceToken: 'tok-123',
        language: 'en',
        idleSeconds: 45,
        localPrinter: true,
      },
    });
    const server = setup({ KIOSK_PRINTER_URL: 'server' });
    expect(await server.call(CHANNELS.config)).toMatchObject({ ok: true, value: { localPrinter: false } });
  });

  it('prints a valid ticket and reports the printer state', async () => {
    const { call, printer } = setup();
    expect(await call(CHANNELS.print, TICKET)).toEqual({
      ok: true,
      value: { printed: true, state: 'ready' },
    });
    expect(printer.print).toHaveBeenCalledWith(TICKET);
    expect(await call(CHANNELS.print, { ...TICKET, priorityLabel: 'Người cao tuổi' })).toMatchObject({
      ok: true,
    });
    expect(await call(CHANNELS.printerStatus)).toEqual({ ok: true, value: { state: 'paper-near-end' } });
  });

  it('passes a printer fault as a value, not an error', async () => {
    const { call, printer } = setup();
    printer.print.mockResolvedValueOnce({ printed: false, state: 'paper-out' });
    expect(await call(CHANNELS.print, TICKET)).toEqual({
      ok: true,
      value: { printed: false, state: 'paper-out' },
    });
  });

  it.each([
    ['nothing', []],
    ['null', [null]],
    ['a string', ['1005']],
    ['two tickets', [TICKET, TICKET]],
    ['a missing field', [{ ...TICKET, number: undefined }]],
    ['personal data', [{ ...TICKET, citizenName: 'Nguyễn Văn Ánh' }]],
    ['a bad number', [{ ...TICKET, number: '10 05; rm -rf' }]],
    ['a negative count', [{ ...TICKET, ahead: -1 }]],
    ['a fractional wait', [{ ...TICKET, estimatedWaitMinutes: 1.5 }]],
    ['a number as text', [{ ...TICKET, ahead: '4' }]],
    ['a date that is not ISO', [{ ...TICKET, issuedAt: '27/11/2026 08:15' }]],
    ['a javascript: QR', [{ ...TICKET, trackingUrl: 'javascript:alert(1)' }]],
    ['a huge service name', [{ ...TICKET, serviceName: 'x'.repeat(201) }]],
    ['an empty priority label', [{ ...TICKET, priorityLabel: '' }]],
  ])('refuses a print call with %s', async (_name, args) => {
    const { call, printer } = setup();
    expect(await call(CHANNELS.print, ...args)).toEqual(INVALID);
    expect(printer.print).not.toHaveBeenCalled();
  });

  it("prints a feedback case's slip, and passes its fault as a value", async () => {
    const { call, printer } = setup();
    expect(await call(CHANNELS.printFeedbackSlip, SLIP)).toEqual({
      ok: true,
      value: { printed: true, state: 'ready' },
    });
    expect(printer.printFeedbackSlip).toHaveBeenCalledWith(SLIP);
    printer.printFeedbackSlip.mockResolvedValueOnce({ printed: false, state: 'cover-open' });
    expect(await call(CHANNELS.printFeedbackSlip, { ...SLIP, answerByNotice: true })).toEqual({
      ok: true,
      value: { printed: false, state: 'cover-open' },
    });
    const server = setup({ KIOSK_PRINTER_URL: 'server' });
    expect(await server.call(CHANNELS.printFeedbackSlip, SLIP)).toEqual({
      ok: false,
      error: PRINTER_NOT_LOCAL,
    });
  });

  it.each([
    ['nothing', []],
    ['two slips', [SLIP, SLIP]],
    ['the case text', [{ ...SLIP, text: 'Chờ quá lâu' }]],
    ['a phone', [{ ...SLIP, phone: '0912345678' }]],
    ['a code without its dash', [{ ...SLIP, code: 'K7PQ3M2D' }]],
    ['a code in lower case', [{ ...SLIP, code: 'k7pq-3m2d' }]],
    ['a due day that is not ISO', [{ ...SLIP, answerDueDay: '11/12/2026' }]],
    ['a received time that is not ISO', [{ ...SLIP, receivedAt: 'hôm nay' }]],
    ['a javascript: QR', [{ ...SLIP, url: 'javascript:alert(1)' }]],
    ['a missing flag', [{ ...SLIP, answerByNotice: undefined }]],
  ])('refuses a slip print call with %s', async (_name, args) => {
    const { call, printer } = setup();
    expect(await call(CHANNELS.printFeedbackSlip, ...args)).toEqual(INVALID);
    expect(printer.printFeedbackSlip).not.toHaveBeenCalled();
  });

  it('refuses arguments to calls that take none', async () => {
    const { call, printer } = setup();
    expect(await call(CHANNELS.config, { evil: true })).toEqual(INVALID);
    expect(await call(CHANNELS.printerStatus, 1)).toEqual(INVALID);
    expect(printer.status).not.toHaveBeenCalled();
  });

  it('says so when the server prints', async () => {
    const { call } = setup({ KIOSK_PRINTER_URL: 'server' });
    expect(await call(CHANNELS.print, TICKET)).toEqual({ ok: false, error: PRINTER_NOT_LOCAL });
    expect(await call(CHANNELS.printerStatus)).toEqual({ ok: false, error: PRINTER_NOT_LOCAL });
  });

  it('answers only the kiosk window, on the kiosk page of the server origin, from its top frame', async () => {
    const { ipcMain, wc, printer } = setup();
    const forbidden = {
      ok: false,
      error: { code: 'LAYSO_FORBIDDEN', message: expect.stringContaining(' / ') },
    };
    const other = new FakeWebContents();
    expect(await ipcMain.invoke(CHANNELS.config, other, PAGE)).toEqual(forbidden);
    expect(await ipcMain.invoke(CHANNELS.config, wc, 'https://evil.example/kiosk')).toEqual(forbidden);
    expect(await ipcMain.invoke(CHANNELS.config, wc, 'data:text/html,hi')).toEqual(forbidden);
    expect(await ipcMain.invoke(CHANNELS.config, wc, `${ORIGIN}/t/abcdefgh`)).toEqual(forbidden);
    expect(await ipcMain.invoke(CHANNELS.config, wc, `${ORIGIN}/kiosker`)).toEqual(forbidden);
    expect(
      (await ipcMain.invoke(CHANNELS.config, wc, `${ORIGIN}/kiosk/#x`)) as { ok: boolean },
    ).toMatchObject({
      ok: true,
    });
    expect(await ipcMain.invoke(CHANNELS.print, wc, null, TICKET)).toEqual(forbidden);
    const handler = ipcMain.handlers.get(CHANNELS.print);
    const subframe = { sender: wc, senderFrame: { url: PAGE, parent: { url: PAGE } } };
    expect(await handler?.(subframe, TICKET)).toEqual(forbidden);
    expect(await ipcMain.invoke(CHANNELS.printFeedbackSlip, wc, `${ORIGIN}/pa/K7PQ3M2D`, SLIP)).toEqual(
      forbidden,
    );
    wc.destroyed = true;
    expect(await ipcMain.invoke(CHANNELS.config, wc, PAGE)).toEqual(forbidden);
    expect(printer.print).not.toHaveBeenCalled();
    expect(printer.printFeedbackSlip).not.toHaveBeenCalled();
  });

  it('turns an unexpected failure into an error result instead of a rejection', async () => {
    const { call, printer, logs } = setup();
    printer.status.mockRejectedValueOnce(new Error('boom'));
    expect(await call(CHANNELS.printerStatus)).toEqual({
      ok: false,
      error: { code: 'LAYSO_INTERNAL', message: expect.stringContaining('Internal error') },
    });
    expect(logs.join('\n')).toContain('boom');
  });

  it('removes its handlers when disposed', () => {
    const { ipcMain, dispose } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(
      [CHANNELS.config, CHANNELS.print, CHANNELS.printFeedbackSlip, CHANNELS.printerStatus].sort(),
    );
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });
});
