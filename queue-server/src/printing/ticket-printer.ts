import {
  checkPrinter,
  createTransport,
  isPrinterError,
  printTicket,
  stateOfErrorCode,
  type PrinterTransport,
} from '@layso/printer-drivers';
import type { PrintReply, PrinterState, PrinterStatus, Ticket } from '@layso/protocol';
import type { Clock } from '../domain/types.js';
import { toIso } from '../domain/time.js';

export interface TicketPrinterOptions {
  /** tcp://host:port, /dev/usb/lp0 or serial://…; null = no printer configured. */
  url: string | null;
  centerName: string;
  notice: string | null;
  clock: Clock;
  statusTimeoutMs?: number;
}

/**
 * Prints a queue ticket as a raster image (correct Vietnamese on any ESC/POS printer), checking the printer's
 * status before and after, and keeps the printer's last known state so kiosks know it *before* a citizen taps.
 * Never throws: a fault comes back as `{printed:false, error}` for the kiosk to show.
 */
export class TicketPrinter {
  private last: PrinterStatus;
  private readonly listeners = new Set<(s: PrinterStatus) => void>();

  constructor(private readonly options: TicketPrinterOptions) {
    this.last = {
      state: options.url ? 'offline' : 'not-configured',
      checkedAt: toIso(options.clock.now()),
    };
  }

  /** The last known state (from the latest status check or print job). */
  status(): PrinterStatus {
    return this.last;
  }

  /** Called with the new status whenever the state changes. */
  onChange(listener: (s: PrinterStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Asks the printer (DLE EOT 1–4) between jobs, never during one. Never throws. */
  async check(): Promise<PrinterStatus> {
    const url = this.options.url;
    if (!url) return this.record('not-configured');
    const link = linkTo(url);
    if ('fault' in link) return this.record(link.state);
    return this.record(
      await checkPrinter(link.transport, { timeoutMs: this.options.statusTimeoutMs ?? 1000 }),
    );
  }

  async print(ticket: Ticket, priorityLabel: string | null): Promise<PrintReply> {
    if (!this.options.url) {
      this.record('not-configured');
      return {
        printed: false,
        error: {
          code: 'LAYSO_PRINTER_NOT_CONFIGURED',
          message: 'Chưa cấu hình máy in / No printer configured',
        },
      };
    }
    const link = linkTo(this.options.url);
    if ('fault' in link) {
      this.record(link.state);
      return { printed: false, error: link.fault };
    }
    const outcome = await printTicket(
      link.transport,
      {
        centerName: this.options.centerName,
        serviceName: ticket.serviceName,
        number: ticket.number,
        priorityLabel,
        ahead: ticket.ahead,
        estimatedWaitMinutes: ticket.estimatedWaitMinutes,
        issuedAt: new Date(ticket.issuedAt),
        trackingUrl: ticket.trackingUrl,
        notice: this.options.notice,
      },
      { statusTimeoutMs: this.options.statusTimeoutMs ?? 1000 },
    );
    this.record(outcome.state);
    if (!outcome.error) return { printed: outcome.printed, error: null };
    return {
      printed: false,
      error: { code: outcome.error.code, message: `${outcome.error.messageVi} / ${outcome.error.message}` },
    };
  }

  private record(state: PrinterState): PrinterStatus {
    const changed = state !== this.last.state;
    this.last = { state, checkedAt: toIso(this.options.clock.now()) };
    if (changed) for (const l of this.listeners) l(this.last);
    return this.last;
  }
}

/** The link to the printer at `url`, or what to report when even that fails (a bad URL, a missing library). */
function linkTo(
  url: string,
): { transport: PrinterTransport } | { fault: { code: string; message: string }; state: PrinterState } {
  try {
    return { transport: createTransport(url) };
  } catch (e) {
    if (isPrinterError(e)) {
      return {
        fault: { code: e.code, message: `${e.messageVi} / ${e.message}` },
        state: stateOfErrorCode(e.code),
      };
    }
    const message = e instanceof Error ? e.message : String(e);
    return { fault: { code: 'LAYSO_PRINTER_ERROR', message: `Máy in báo lỗi / ${message}` }, state: 'error' };
  }
}
