import {
  PrinterError,
  decodeEscPos,
  renderFeedbackSlip,
  renderTicket,
  startVirtualPrinter,
  statusBytes,
  type PrinterStatus,
  type PrinterTransport,
  type VirtualPrinter,
} from '@layso/printer-drivers';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrintableFeedbackSlip, PrintableTicket } from '../bridge.js';
import { createLocalPrinter } from './printing.js';

const READY: PrinterStatus = {
  online: true,
  coverOpen: false,
  paperNearEnd: false,
  paperOut: false,
  error: false,
};
const CENTER = 'Trung tâm Phục vụ Hành chính công tỉnh Vĩnh Long';

const TICKET: PrintableTicket = {
  number: '1005',
  serviceName: 'Sở Tư pháp',
  priorityLabel: 'Người cao tuổi',
  ahead: 4,
  estimatedWaitMinutes: 12,
  issuedAt: '2026-11-27T08:15:00+07:00',
  trackingUrl: 'http://127.0.0.1:8080/t/8f3a2c7e-1005',
};

/** The image the kiosk must print for TICKET. */
const expectedImage = (width = 576) =>
  renderTicket(
    { ...TICKET, centerName: CENTER, issuedAt: new Date(TICKET.issuedAt), notice: null, booked: null },
    { width },
  );

const SLIP: PrintableFeedbackSlip = {
  code: 'K7PQ-3M2D',
  receivedAt: '2026-11-27T08:15:00+07:00',
  answerDueDay: '2026-12-11',
  url: 'http://127.0.0.1:8080/pa/K7PQ3M2D',
  answerByNotice: false,
};

const isStatusQuery = (b: Uint8Array) => b.length === 3 && b[0] === 0x10 && b[1] === 0x04;

/** A printer link in memory: answers DLE EOT from `status`, keeps every write. */
class FakeTransport implements PrinterTransport {
  readonly url = 'fake://kiosk-printer';
  readonly bidirectional = true;
  readonly writes: Uint8Array[] = [];
  private answers: number[] = [];
  closed = 0;

  constructor(
    public status: PrinterStatus,
    private readonly behaviour: { openError?: PrinterError; silent?: boolean; afterJob?: PrinterStatus } = {},
  ) {}

  async open(): Promise<void> {
    if (this.behaviour.openError) throw this.behaviour.openError;
  }
  async write(bytes: Uint8Array): Promise<void> {
    this.writes.push(bytes);
    if (isStatusQuery(bytes)) {
      const a = statusBytes(this.status);
      const n = bytes[2];
      if (!this.behaviour.silent)
        this.answers.push(
          n === 1 ? a.printer : n === 2 ? a.offlineCause : n === 3 ? a.errorCause : a.paperSensor,
        );
    } else if (this.behaviour.afterJob) {
      this.status = this.behaviour.afterJob;
    }
  }
  discardInput(): void {
    this.answers = [];
  }
  async readByte(_timeoutMs: number, accept: (b: number) => boolean = () => true): Promise<number> {
    const b = this.answers.shift();
    if (b === undefined || !accept(b)) throw new PrinterError('LAYSO_PRINTER_STATUS_TIMEOUT', 'no answer');
    return b;
  }
  async close(): Promise<void> {
    this.closed += 1;
  }
  /** The job: everything written that is not a status question. */
  get jobs(): Uint8Array[] {
    return this.writes.filter((w) => !isStatusQuery(w));
  }
}

const withFake = (t: FakeTransport, width: 576 | 512 | 384 = 576) =>
  createLocalPrinter({ url: t.url, width, centerName: CENTER, openTransport: () => t, log: () => undefined });

describe('local printing through a fake transport', () => {
  it('asks the status, sends the ticket image, asks again', async () => {
    const t = new FakeTransport(READY);
    expect(await withFake(t).print(TICKET)).toEqual({ printed: true, state: 'ready' });
    expect(t.writes.filter(isStatusQuery).map((w) => w[2])).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);
    expect(t.jobs).toHaveLength(1);
    const decoded = decodeEscPos(t.jobs[0] ?? new Uint8Array(), { width: 576 });
    const expected = expectedImage();
    expect(decoded.bitmap.cropHeight(expected.height).equals(expected)).toBe(true);
    expect(decoded.events.some((e) => e.type === 'cut')).toBe(true);
    expect(t.closed).toBe(1);
  });

  it('renders for the configured paper width', async () => {
    const t = new FakeTransport(READY);
    await withFake(t, 384).print(TICKET);
    const decoded = decodeEscPos(t.jobs[0] ?? new Uint8Array(), { width: 384 });
    const expected = expectedImage(384);
    expect(decoded.bitmap.cropHeight(expected.height).equals(expected)).toBe(true);
  });

  it('sends nothing to a printer without paper', async () => {
    const t = new FakeTransport({ ...READY, online: false, paperOut: true });
    expect(await withFake(t).print(TICKET)).toEqual({ printed: false, state: 'paper-out' });
    expect(t.jobs).toHaveLength(0);
  });

  it('reports a ticket as not printed when the paper ran out during the job', async () => {
    const t = new FakeTransport(READY, { afterJob: { ...READY, online: false, paperOut: true } });
    expect(await withFake(t).print(TICKET)).toEqual({ printed: false, state: 'paper-out' });
    expect(t.jobs).toHaveLength(1);
  });

  it('prints and warns when the paper is nearly out', async () => {
    const t = new FakeTransport({ ...READY, paperNearEnd: true });
    expect(await withFake(t).print(TICKET)).toEqual({ printed: true, state: 'paper-near-end' });
  });

  it('turns an unreachable or mute printer into offline, never a throw', async () => {
    const unreachable = new FakeTransport(READY, {
      openError: new PrinterError('LAYSO_PRINTER_UNREACHABLE', 'ECONNREFUSED'),
    });
    expect(await withFake(unreachable).print(TICKET)).toEqual({ printed: false, state: 'offline' });
    expect(await withFake(unreachable).status()).toEqual({ state: 'offline' });
    const mute = new FakeTransport(READY, { silent: true });
    expect(await withFake(mute).print(TICKET)).toEqual({ printed: false, state: 'offline' });
    expect(mute.jobs).toHaveLength(0);
  });

  it('answers a ticket it cannot draw with error, never a throw', async () => {
    const t = new FakeTransport(READY);
    expect(await withFake(t).print({ ...TICKET, issuedAt: 'not a date' })).toEqual({
      printed: false,
      state: 'error',
    });
    expect(t.writes).toHaveLength(0);
  });

  it('turns a printer URL it cannot open into a state, never a throw', async () => {
    const logged: string[] = [];
    const local = createLocalPrinter({
      url: 'gopher://printer',
      width: 576,
      centerName: CENTER,
      openTransport: () => {
        throw new PrinterError('LAYSO_PRINTER_BAD_URL', 'unsupported printer URL scheme gopher:');
      },
      log: (m) => logged.push(m),
    });
    expect(await local.print(TICKET)).toEqual({ printed: false, state: 'error' });
    expect(await local.status()).toEqual({ state: 'error' });
    expect(logged).toEqual(['ticket 1005 not printed: unsupported printer URL scheme gopher:']);
  });

  it("prints a feedback case's slip: its code, dates, the QR of its page and the address to type", async () => {
    const t = new FakeTransport(READY);
    expect(await withFake(t).printFeedbackSlip(SLIP)).toEqual({ printed: true, state: 'ready' });
    const decoded = decodeEscPos(t.jobs[0] ?? new Uint8Array(), { width: 576 });
    const expected = renderFeedbackSlip({
      ...SLIP,
      centerName: CENTER,
      receivedAt: new Date(SLIP.receivedAt),
      address: '127.0.0.1:8080/pa/K7PQ-3M2D',
    });
    expect(decoded.bitmap.cropHeight(expected.height).equals(expected)).toBe(true);
  });

  it('a slip on a printer without paper: not printed, nothing sent, the log names no case', async () => {
    const logged: string[] = [];
    const t = new FakeTransport({ ...READY, online: false, paperOut: true });
    const local = createLocalPrinter({
      url: t.url,
      width: 576,
      centerName: CENTER,
      openTransport: () => t,
      log: (m) => logged.push(m),
    });
    expect(await local.printFeedbackSlip(SLIP)).toEqual({ printed: false, state: 'paper-out' });
    expect(t.jobs).toHaveLength(0);
    expect(logged).toEqual(['feedback slip not printed: LAYSO_PRINTER_PAPER_OUT']);
  });

  it('reads the status without printing', async () => {
    const t = new FakeTransport({ ...READY, online: false, coverOpen: true });
    expect(await withFake(t).status()).toEqual({ state: 'cover-open' });
    expect(t.jobs).toHaveLength(0);
    expect(t.closed).toBe(1);
  });
});

describe('local printing to the virtual printer', () => {
  let vp: VirtualPrinter | null = null;
  afterEach(async () => {
    await vp?.close();
    vp = null;
  });

  it('prints a ticket the printer decodes, and reports paper out as not printed', async () => {
    const printer = await startVirtualPrinter({ host: '127.0.0.1', port: 0 });
    vp = printer;
    const local = createLocalPrinter({
      url: printer.url,
      width: 576,
      centerName: CENTER,
      log: () => undefined,
    });

    expect(await local.status()).toEqual({ state: 'ready' });
    const next = printer.nextJob(10_000);
    expect(await local.print(TICKET)).toEqual({ printed: true, state: 'ready' });
    const job = await next;
    expect(job.printed).toBe(true);
    expect(job.truncated).toBe(false);
    const expected = expectedImage();
    expect(job.bitmap?.cropHeight(expected.height).equals(expected)).toBe(true);

    printer.setState('paper-out');
    expect(await local.print(TICKET)).toEqual({ printed: false, state: 'paper-out' });
    expect(await local.status()).toEqual({ state: 'paper-out' });
    printer.setState('cover-open');
    expect(await local.print(TICKET)).toEqual({ printed: false, state: 'cover-open' });
    expect(printer.jobs).toHaveLength(1);

    printer.setState('paper-near-end');
    expect(await local.print(TICKET)).toEqual({ printed: true, state: 'paper-near-end' });
  });

  it('reports a printer that is not there as offline', async () => {
    const printer = await startVirtualPrinter({ host: '127.0.0.1', port: 0 });
    const url = printer.url;
    await printer.close();
    const local = createLocalPrinter({ url, width: 576, centerName: CENTER, log: () => undefined });
    expect(await local.print(TICKET)).toEqual({ printed: false, state: 'offline' });
    expect(await local.status()).toEqual({ state: 'offline' });
  });
});
