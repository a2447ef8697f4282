import {
  checkPrinter,
  createTransport,
  feedbackSlipAddress,
  isPrinterError,
  printFeedbackSlip,
  printTicket,
  stateOfErrorCode,
  type PrinterTransport,
} from '@layso/printer-drivers';
import type { LocalPrinterState, PrintableFeedbackSlip, PrintableTicket } from '../bridge.js';

/**
 * The kiosk's own printer (USB, serial or TCP), driven through @layso/printer-drivers: the ticket is drawn as
 * a raster image (correct Vietnamese on any ESC/POS printer) and the printer's status is asked before and
 * after the bytes. Nothing here throws: every fault comes back as `{printed:false, state}` so the page can
 * tell the citizen the ticket did not print and show the number on screen instead.
 */

export interface LocalPrinterOptions {
  /** tcp://host[:port], /dev/usb/lp0, file:///dev/usb/lp0, serial:///dev/ttyUSB0?baud=115200 */
  url: string;
  /** Printable width in dots (576 = 80 mm, 512 = 80 mm on some Epsons, 384 = 58 mm). */
  width: 576 | 512 | 384;
  centerName: string;
  /** Per DLE EOT question. Default 1000 ms. */
  statusTimeoutMs?: number;
  /** Tests pass a fake; default printer-drivers' createTransport. */
  openTransport?: (url: string) => PrinterTransport;
  log?: (message: string) => void;
}

export interface PrintOutcome {
  printed: boolean;
  state: LocalPrinterState;
}

export interface LocalPrinter {
  print(ticket: PrintableTicket): Promise<PrintOutcome>;
  /** A feedback case's slip (issue 22), with the same honest outcome. */
  printFeedbackSlip(slip: PrintableFeedbackSlip): Promise<PrintOutcome>;
  status(): Promise<{ state: LocalPrinterState }>;
}

export function createLocalPrinter(options: LocalPrinterOptions): LocalPrinter {
  const statusTimeoutMs = options.statusTimeoutMs ?? 1000;
  const open = options.openTransport ?? ((url: string) => createTransport(url));
  const log = options.log ?? ((m: string) => console.warn(`[kiosk] ${m}`));

  /** The link to the printer, or the state to report when even that fails (a bad URL, a missing library). */
  const link = (): { transport: PrinterTransport } | { error: unknown; state: LocalPrinterState } => {
    try {
      return { transport: open(options.url) };
    } catch (e) {
      return { error: e, state: isPrinterError(e) ? stateOfErrorCode(e.code) : 'error' };
    }
  };

  return {
    async print(ticket) {
      const l = link();
      if (!('transport' in l)) {
        log(`ticket ${ticket.number} not printed: ${(l.error as Error)?.message ?? String(l.error)}`);
        return { printed: false, state: l.state };
      }
      const outcome = await printTicket(
        l.transport,
        {
          centerName: options.centerName,
          serviceName: ticket.serviceName,
          number: ticket.number,
          priorityLabel: ticket.priorityLabel,
          ahead: ticket.ahead,
          estimatedWaitMinutes: ticket.estimatedWaitMinutes,
          issuedAt: new Date(ticket.issuedAt),
          trackingUrl: ticket.trackingUrl,
          notice: null,
          booked: ticket.booked
            ? { startsAt: new Date(ticket.booked.startsAt), code: ticket.booked.code }
            : null,
        },
        { width: options.width, statusTimeoutMs },
      );
      if (outcome.error) {
        log(`ticket ${ticket.number} not printed: ${outcome.error.code} (${outcome.error.message})`);
      }
      return { printed: outcome.printed, state: outcome.state };
    },

    async printFeedbackSlip(slip) {
      const l = link();
      // The log names the fault, never the case's code: a code and a time would point at a citizen's complaint.
      if (!('transport' in l)) {
        log(`feedback slip not printed: ${(l.error as Error)?.message ?? String(l.error)}`);
        return { printed: false, state: l.state };
      }
      const outcome = await printFeedbackSlip(
        l.transport,
        {
          centerName: options.centerName,
          code: slip.code,
          receivedAt: new Date(slip.receivedAt),
          answerDueDay: slip.answerDueDay,
          url: slip.url,
          address: feedbackSlipAddress(slip.url, slip.code),
          answerByNotice: slip.answerByNotice,
        },
        { width: options.width, statusTimeoutMs },
      );
      if (outcome.error) log(`feedback slip not printed: ${outcome.error.code}`);
      return { printed: outcome.printed, state: outcome.state };
    },

    async status() {
      const l = link();
      if (!('transport' in l)) return { state: l.state };
      // One conversation with the printer at a time: checkPrinter waits for any print job to finish.
      return { state: await checkPrinter(l.transport, { timeoutMs: statusTimeoutMs }) };
    },
  };
}
