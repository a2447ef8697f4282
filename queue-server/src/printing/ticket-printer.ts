import {
  blockingFault,
  createTransport,
  encodeImageJob,
  printJob,
  queryStatus,
  renderTicket,
  withPrinterLock,
  type PrinterStatus as DeviceStatus,
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

/** The kiosk's words for what the printer reported (DLE EOT bits, or the error a job or a status check ended with). */
export function printerState(status: DeviceStatus | null, errorCode?: string): PrinterState {
  if (status) {
    const fault = blockingFault(status);
    if (fault) return printerState(null, fault.code);
    return status.paperNearEnd ? 'paper-near-end' : 'ready';
  }
  switch (errorCode) {
    case 'LAYSO_PRINTER_PAPER_OUT':
      return 'paper-out';
    case 'LAYSO_PRINTER_COVER_OPEN':
      return 'cover-open';
    case 'LAYSO_PRINTER_ERROR':
      return 'error';
    case 'LAYSO_PRINTER_NOT_CONFIGURED':
      return 'not-configured';
    default:
      // Unreachable, timed out, connection lost: to a citizen it is all "the printer is not working".
      return 'offline';
  }
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

  /** Asks the printer (DLE EOT 1–4) between jobs, never during one. */
  async check(): Promise<PrinterStatus> {
    const url = this.options.url;
    if (!url) return this.record('not-configured');
    const state = await withPrinterLock(url, async () => {
      const transport = createTransport(url);
      try {
        await transport.open();
        const { status } = await queryStatus(transport, { timeoutMs: this.options.statusTimeoutMs ?? 1000 });
        return printerState(status);
      } catch (e) {
        return printerState(null, (e as { code?: string })?.code);
      } finally {
        await transport.close().catch(() => undefined);
      }
    });
    return this.record(state);
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
    try {
      const image = renderTicket({
        centerName: this.options.centerName,
        serviceName: ticket.serviceName,
        number: ticket.number,
        priorityLabel,
        ahead: ticket.ahead,
        estimatedWaitMinutes: ticket.estimatedWaitMinutes,
        issuedAt: new Date(ticket.issuedAt),
        trackingUrl: ticket.trackingUrl,
        notice: this.options.notice,
      });
      const transport = createTransport(this.options.url);
      const result = await printJob(transport, encodeImageJob(image, { cut: 'partial' }), {
        statusTimeoutMs: this.options.statusTimeoutMs ?? 1000,
      });
      if (result.ok) {
        this.record(printerState(result.after ?? result.before ?? { ...READY }));
        return { printed: true, error: null };
      }
      this.record(printerState(null, result.error.code));
      return {
        printed: false,
        error: { code: result.error.code, message: `${result.error.messageVi} / ${result.error.message}` },
      };
    } catch (e) {
      this.record('error');
      return {
        printed: false,
        error: {
          code: 'LAYSO_PRINTER_FAILED',
          message: `Máy in không in được phiếu / ${e instanceof Error ? e.message : String(e)}`,
        },
      };
    }
  }

  private record(state: PrinterState): PrinterStatus {
    const changed = state !== this.last.state;
    this.last = { state, checkedAt: toIso(this.options.clock.now()) };
    if (changed) for (const l of this.listeners) l(this.last);
    return this.last;
  }
}

const READY: DeviceStatus = {
  online: true,
  coverOpen: false,
  paperNearEnd: false,
  paperOut: false,
  error: false,
};
