import {
  createTransport,
  encodeImageJob,
  isPrinterError,
  printJob,
  queryStatus,
  renderTicket,
  withPrinterLock,
  type PrinterErrorCode,
  type PrinterStatus,
  type PrinterTransport,
  type PrintJobResult,
} from '@layso/printer-drivers';
import type { LocalPrinterState, PrintableTicket } from '../bridge.js';

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
  width: number;
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
  status(): Promise<{ state: LocalPrinterState }>;
}

/** The state the kiosk shows for a printer status (the worst fault first, as printer-drivers' blockingFault). */
export function stateOfStatus(s: PrinterStatus): LocalPrinterState {
  if (s.paperOut) return 'paper-out';
  if (s.coverOpen) return 'cover-open';
  if (s.error) return 'error';
  if (!s.online) return 'offline';
  if (s.paperNearEnd) return 'paper-near-end';
  return 'ready';
}

/** The state for a printer-drivers error code: link problems are `offline`, the rest `error`. */
export function stateOfErrorCode(code: PrinterErrorCode): LocalPrinterState {
  switch (code) {
    case 'LAYSO_PRINTER_PAPER_OUT':
      return 'paper-out';
    case 'LAYSO_PRINTER_COVER_OPEN':
      return 'cover-open';
    case 'LAYSO_PRINTER_OFFLINE':
    case 'LAYSO_PRINTER_CONNECT_TIMEOUT':
    case 'LAYSO_PRINTER_UNREACHABLE':
    case 'LAYSO_PRINTER_WRITE_TIMEOUT':
    case 'LAYSO_PRINTER_CONNECTION_LOST':
    case 'LAYSO_PRINTER_NOT_OPEN':
    case 'LAYSO_PRINTER_STATUS_TIMEOUT':
      return 'offline';
    case 'LAYSO_PRINTER_ERROR':
    case 'LAYSO_PRINTER_BAD_URL':
    case 'LAYSO_PRINTER_DEPENDENCY_MISSING':
      return 'error';
  }
}

function stateOfResult(r: PrintJobResult): LocalPrinterState {
  if (r.ok) return r.after ? stateOfStatus(r.after) : r.before ? stateOfStatus(r.before) : 'ready';
  const fromCode = stateOfErrorCode(r.error.code);
  // A generic printer error with a status in hand: the status says more (e.g. cover open mid-job).
  if (fromCode === 'error') {
    const s = r.after ?? r.before;
    if (s && stateOfStatus(s) !== 'ready') return stateOfStatus(s);
  }
  return fromCode;
}

export function createLocalPrinter(options: LocalPrinterOptions): LocalPrinter {
  const statusTimeoutMs = options.statusTimeoutMs ?? 1000;
  const open = options.openTransport ?? ((url: string) => createTransport(url));
  const log = options.log ?? ((m: string) => console.warn(`[kiosk] ${m}`));

  return {
    async print(ticket) {
      try {
        const bitmap = renderTicket(
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
          },
          { width: options.width },
        );
        const bytes = encodeImageJob(bitmap, { profile: { widthDots: options.width }, cut: 'partial' });
        const result = await printJob(open(options.url), bytes, { statusTimeoutMs });
        const state = stateOfResult(result);
        if (result.ok) return { printed: true, state };
        log(`ticket ${ticket.number} not printed: ${result.error.code} (${result.error.message})`);
        return { printed: false, state };
      } catch (e) {
        log(`ticket ${ticket.number} not printed: ${(e as Error)?.message ?? String(e)}`);
        return { printed: false, state: isPrinterError(e) ? stateOfErrorCode(e.code) : 'error' };
      }
    },

    async status() {
      let transport: PrinterTransport;
      try {
        transport = open(options.url);
      } catch (e) {
        return { state: isPrinterError(e) ? stateOfErrorCode(e.code) : 'error' };
      }
      // One conversation with the printer at a time: a status question must not cut into a print job.
      return withPrinterLock(transport.url, async () => {
        try {
          await transport.open();
          const { status } = await queryStatus(transport, { timeoutMs: statusTimeoutMs });
          return { state: stateOfStatus(status) };
        } catch (e) {
          return { state: isPrinterError(e) ? stateOfErrorCode(e.code) : 'offline' };
        } finally {
          await transport.close().catch(() => undefined);
        }
      });
    },
  };
}
