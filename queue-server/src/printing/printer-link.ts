import {
  checkPrinter,
  createTransport,
  isPrinterError,
  stateOfErrorCode,
  type PrinterTransport,
  type PrintTicketOutcome,
} from '@layso/printer-drivers';
import type { PrintReply, PrinterState, PrinterStatus } from '@layso/protocol';
import { toIso } from '../domain/time.js';
import type { Clock } from '../domain/types.js';

export interface PrinterLinkOptions {
  /** tcp://host:port, /dev/usb/lp0 or serial://…; null = no printer configured. */
  url: string | null;
  clock: Clock;
  /** Per DLE EOT question, before and after each job. Default 1000 ms. */
  statusTimeoutMs?: number;
}

/**
 * One printer the server prints to (the kiosks' ticket printer, the counters' receipt printer): the honest
 * status handling every job shares. A job is checked before and after (printer-drivers' printJob, one job at a
 * time per printer); the last known state is kept and listeners hear each change. Never throws: a fault comes
 * back as `{printed:false, error}` for the screen to show. Nothing of what is printed is logged or returned.
 */
export class PrinterLink {
  private last: PrinterStatus;
  private readonly listeners = new Set<(s: PrinterStatus) => void>();

  constructor(private readonly options: PrinterLinkOptions) {
    this.last = {
      state: options.url ? 'offline' : 'not-configured',
      checkedAt: toIso(options.clock.now()),
    };
  }

  get configured(): boolean {
    return this.options.url !== null;
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
    return this.record(await checkPrinter(link.transport, { timeoutMs: this.timeoutMs }));
  }

  /** Runs one print job (a printer-drivers `print…` call) on a fresh transport and reports how it went. */
  async print(
    job: (transport: PrinterTransport, options: { statusTimeoutMs: number }) => Promise<PrintTicketOutcome>,
  ): Promise<PrintReply> {
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
    const outcome = await job(link.transport, { statusTimeoutMs: this.timeoutMs });
    this.record(outcome.state);
    if (!outcome.error) return { printed: outcome.printed, error: null };
    return {
      printed: false,
      error: { code: outcome.error.code, message: `${outcome.error.messageVi} / ${outcome.error.message}` },
    };
  }

  private get timeoutMs(): number {
    return this.options.statusTimeoutMs ?? 1000;
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
