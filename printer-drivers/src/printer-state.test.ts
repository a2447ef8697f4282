import { afterEach, describe, expect, it } from 'vitest';
import { PrinterError } from './errors.js';
import { encodeImageJob } from './escpos/encoder.js';
import { renderTicket, sampleTicket } from './layouts/ticket.js';
import type { PrintJobResult } from './print-job.js';
import { renderReceipt, sampleReceipt } from './layouts/receipt.js';
import { renderFeedbackSlip, sampleFeedbackSlip } from './layouts/feedback-slip.js';
import {
  checkPrinter,
  printFeedbackSlip,
  printReceipt,
  printTicket,
  stateOfErrorCode,
  stateOfJob,
  stateOfStatus,
} from './printer-state.js';
import type { PrinterStatus } from './status.js';
import type { PrinterTransport } from './transport/transport.js';
import { createTransport } from './transport/url.js';
import { startVirtualPrinter, type VirtualPrinter } from './virtual/printer.js';

const READY: PrinterStatus = {
  online: true,
  coverOpen: false,
  paperNearEnd: false,
  paperOut: false,
  error: false,
};
const TICKET = sampleTicket({ trackingUrl: 'http://127.0.0.1:8080/t/8f3a2c7e-1005' });
const STATUS_QUESTIONS = [0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4];

describe('printer states', () => {
  it('maps a status to the worst fault first', () => {
    expect(stateOfStatus(READY)).toBe('ready');
    expect(stateOfStatus({ ...READY, paperNearEnd: true })).toBe('paper-near-end');
    expect(stateOfStatus({ ...READY, online: false })).toBe('offline');
    expect(stateOfStatus({ ...READY, online: false, error: true })).toBe('error');
    expect(stateOfStatus({ ...READY, online: false, coverOpen: true, error: true })).toBe('cover-open');
    expect(stateOfStatus({ ...READY, online: false, paperOut: true, coverOpen: true })).toBe('paper-out');
  });

  it('maps link failures to offline and the rest to error', () => {
    expect(stateOfErrorCode('LAYSO_PRINTER_UNREACHABLE')).toBe('offline');
    expect(stateOfErrorCode('LAYSO_PRINTER_STATUS_TIMEOUT')).toBe('offline');
    expect(stateOfErrorCode('LAYSO_PRINTER_CONNECTION_LOST')).toBe('offline');
    expect(stateOfErrorCode('LAYSO_PRINTER_PAPER_OUT')).toBe('paper-out');
    expect(stateOfErrorCode('LAYSO_PRINTER_COVER_OPEN')).toBe('cover-open');
    expect(stateOfErrorCode('LAYSO_PRINTER_BAD_URL')).toBe('error');
    expect(stateOfErrorCode('LAYSO_PRINTER_DEPENDENCY_MISSING')).toBe('error');
  });

  it("maps a job's result: the status after, else before, else ready; a generic error defers to a status", () => {
    const ok = (before: PrinterStatus | null, after: PrinterStatus | null): PrintJobResult => ({
      ok: true,
      verified: before !== null,
      before,
      after,
      bytes: 1,
      durationMs: 1,
    });
    const failed = (
      code: PrinterError['code'],
      before: PrinterStatus | null,
      after: PrinterStatus | null,
    ): PrintJobResult => ({
      ok: false,
      error: new PrinterError(code, 'x').toJSON(),
      sent: true,
      before,
      after,
    });
    expect(stateOfJob(ok(null, null))).toBe('ready');
    expect(stateOfJob(ok(READY, { ...READY, paperNearEnd: true }))).toBe('paper-near-end');
    expect(stateOfJob(ok({ ...READY, paperNearEnd: true }, null))).toBe('paper-near-end');
    expect(stateOfJob(failed('LAYSO_PRINTER_PAPER_OUT', READY, { ...READY, paperOut: true }))).toBe(
      'paper-out',
    );
    expect(stateOfJob(failed('LAYSO_PRINTER_CONNECTION_LOST', READY, null))).toBe('offline');
    expect(stateOfJob(failed('LAYSO_PRINTER_ERROR', READY, { ...READY, coverOpen: true }))).toBe(
      'cover-open',
    );
    expect(stateOfJob(failed('LAYSO_PRINTER_ERROR', READY, READY))).toBe('error');
    expect(stateOfJob(failed('LAYSO_PRINTER_ERROR', null, null))).toBe('error');
  });
});

/** A transport whose every call fails with `error`. */
const broken = (error: unknown): PrinterTransport & { closed: number } => ({
  url: 'fake://broken',
  bidirectional: true,
  closed: 0,
  open: () => Promise.reject(error),
  write: () => Promise.reject(error),
  discardInput: () => undefined,
  readByte: () => Promise.reject(error),
  close() {
    this.closed += 1;
    return Promise.reject(error);
  },
});

describe('checkPrinter and printTicket', () => {
  let vp: VirtualPrinter | null = null;
  afterEach(async () => {
    await vp?.close();
    vp = null;
  });
  const start = async (): Promise<VirtualPrinter> => {
    vp = await startVirtualPrinter({ host: '127.0.0.1', port: 0 });
    return vp;
  };

  it('prints a ready printer a ticket it decodes, bytes exactly as rendered and encoded', async () => {
    const printer = await start();
    expect(await checkPrinter(createTransport(printer.url))).toBe('ready');
    const next = printer.nextJob(10_000);
    expect(await printTicket(createTransport(printer.url), TICKET)).toEqual({
      printed: true,
      state: 'ready',
      error: null,
    });
    const job = await next;
    expect(job.printed).toBe(true);
    expect(job.truncated).toBe(false);
    const expected = renderTicket(TICKET);
    expect(job.bitmap?.cropHeight(expected.height).equals(expected)).toBe(true);
    expect(job.qrCodes).toEqual([]); // the QR is part of the raster image, not a native command
    expect(job.events.some((e) => e.type === 'cut' && e.kind === 'partial')).toBe(true);
    // Status questions, the job (what encodeImageJob gives for 576 dots), status questions.
    const body = encodeImageJob(expected, { cut: 'partial' });
    expect(
      Buffer.from(job.bytes).equals(Buffer.from([...STATUS_QUESTIONS, ...body, ...STATUS_QUESTIONS])),
    ).toBe(true);
  });

  it('renders and encodes for a narrower paper width', async () => {
    const printer = await startVirtualPrinter({ host: '127.0.0.1', port: 0, width: 384 });
    vp = printer;
    const next = printer.nextJob(10_000);
    expect((await printTicket(createTransport(printer.url), TICKET, { width: 384 })).printed).toBe(true);
    const job = await next;
    const expected = renderTicket(TICKET, { width: 384 });
    expect(expected.width).toBe(384);
    expect(job.bitmap?.cropHeight(expected.height).equals(expected)).toBe(true);
    const body = encodeImageJob(expected, { profile: { widthDots: 384 }, cut: 'partial' });
    expect(
      Buffer.from(job.bytes).equals(Buffer.from([...STATUS_QUESTIONS, ...body, ...STATUS_QUESTIONS])),
    ).toBe(true);
  });

  it('sends nothing to a printer without paper and says why', async () => {
    const printer = await start();
    printer.setState('paper-out');
    expect(await checkPrinter(createTransport(printer.url))).toBe('paper-out');
    const outcome = await printTicket(createTransport(printer.url), TICKET);
    expect(outcome).toMatchObject({ printed: false, state: 'paper-out' });
    expect(outcome.error).toEqual({
      code: 'LAYSO_PRINTER_PAPER_OUT',
      message: expect.any(String),
      messageVi: 'Máy in hết giấy',
    });
    expect(printer.jobs).toHaveLength(0);
  });

  it('prints when the paper is nearly out and reports it', async () => {
    const printer = await start();
    printer.setState('paper-near-end');
    expect(await checkPrinter(createTransport(printer.url))).toBe('paper-near-end');
    const next = printer.nextJob(10_000);
    expect(await printTicket(createTransport(printer.url), TICKET)).toEqual({
      printed: true,
      state: 'paper-near-end',
      error: null,
    });
    expect((await next).printed).toBe(true);
  });

  it('reports cover open as a state, never a throw', async () => {
    const printer = await start();
    printer.setState('cover-open');
    expect(await checkPrinter(createTransport(printer.url))).toBe('cover-open');
    expect(await printTicket(createTransport(printer.url), TICKET)).toMatchObject({
      printed: false,
      state: 'cover-open',
    });
  });

  it('reports a printer that is not there as offline', async () => {
    const printer = await startVirtualPrinter({ host: '127.0.0.1', port: 0 });
    const url = printer.url;
    await printer.close();
    expect(await checkPrinter(createTransport(url), { timeoutMs: 200 })).toBe('offline');
    const outcome = await printTicket(createTransport(url), TICKET, { statusTimeoutMs: 200 });
    expect(outcome.printed).toBe(false);
    expect(outcome.state).toBe('offline');
    expect(outcome.error?.code).toMatch(/^LAYSO_PRINTER_(UNREACHABLE|CONNECT_TIMEOUT)$/);
  });

  it('never throws from a transport that fails in unexpected ways, and always closes it', async () => {
    const plain = broken(new Error('boom'));
    expect(await checkPrinter(plain)).toBe('offline');
    expect(plain.closed).toBe(1);
    const coded = broken(new PrinterError('LAYSO_PRINTER_DEPENDENCY_MISSING', 'serialport missing'));
    expect(await checkPrinter(coded)).toBe('error');
    expect(await printTicket(broken(new Error('boom')), TICKET)).toMatchObject({
      printed: false,
      error: { code: 'LAYSO_PRINTER_ERROR' },
    });
  });

  it('answers a ticket it cannot draw with error, sending nothing', async () => {
    const t = broken(new Error('must not be used'));
    const outcome = await printTicket(t, { ...TICKET, issuedAt: new Date('not a date') });
    expect(outcome).toEqual({
      printed: false,
      state: 'error',
      error: {
        code: 'LAYSO_PRINTER_ERROR',
        message: expect.stringContaining('issuedAt must be a valid Date'),
        messageVi: expect.any(String),
      },
    });
    expect(t.closed).toBe(0);
  });

  it('prints a receipt slip the same way, and a slip it cannot draw says nothing of its content', async () => {
    const printer = await start();
    const next = printer.nextJob(10_000);
    const receipt = sampleReceipt();
    expect(await printReceipt(createTransport(printer.url), receipt)).toEqual({
      printed: true,
      state: 'ready',
      error: null,
    });
    const expected = renderReceipt(receipt);
    expect((await next).bitmap?.cropHeight(expected.height).equals(expected)).toBe(true);

    const t = broken(new Error('must not be used'));
    const bad = await printReceipt(t, { ...receipt, appointmentAt: new Date('not a date') });
    expect(bad).toEqual({
      printed: false,
      state: 'error',
      error: {
        code: 'LAYSO_PRINTER_ERROR',
        message: 'the receipt slip could not be drawn',
        messageVi: 'Không tạo được giấy tiếp nhận để in',
      },
    });
    expect(t.closed).toBe(0);
  });

  it("prints a feedback case's slip the same way; one it cannot draw names no code", async () => {
    const printer = await start();
    const next = printer.nextJob(10_000);
    const slip = sampleFeedbackSlip();
    expect(await printFeedbackSlip(createTransport(printer.url), slip)).toEqual({
      printed: true,
      state: 'ready',
      error: null,
    });
    const expected = renderFeedbackSlip(slip);
    expect((await next).bitmap?.cropHeight(expected.height).equals(expected)).toBe(true);

    printer.setState('paper-out');
    const out = await printFeedbackSlip(createTransport(printer.url), slip);
    expect(out).toMatchObject({ printed: false, state: 'paper-out' });

    const t = broken(new Error('must not be used'));
    const bad = await printFeedbackSlip(t, { ...slip, answerDueDay: 'soon' });
    expect(bad).toEqual({
      printed: false,
      state: 'error',
      error: {
        code: 'LAYSO_PRINTER_ERROR',
        message: 'the feedback slip could not be drawn',
        messageVi: 'Không tạo được phiếu tiếp nhận phản ánh để in',
      },
    });
    expect(t.closed).toBe(0);
  });
});
