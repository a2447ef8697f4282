import { printFeedbackSlip, printTicket, type FeedbackSlipData } from '@layso/printer-drivers';
import { formatBookingCode, type PrintReply, type PrinterStatus, type Ticket } from '@layso/protocol';
import type { Clock } from '../domain/types.js';
import { PrinterLink } from './printer-link.js';

export interface TicketPrinterOptions {
  /** tcp://host:port, /dev/usb/lp0 or serial://…; null = no printer configured. */
  url: string | null;
  /** A function is asked at each print: the admin may rename the center at run time. */
  centerName: string | (() => string);
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
  private readonly link: PrinterLink;

  constructor(private readonly options: TicketPrinterOptions) {
    this.link = new PrinterLink(options);
  }

  /** The last known state (from the latest status check or print job). */
  status(): PrinterStatus {
    return this.link.status();
  }

  /** Called with the new status whenever the state changes. */
  onChange(listener: (s: PrinterStatus) => void): () => void {
    return this.link.onChange(listener);
  }

  /** Asks the printer (DLE EOT 1–4) between jobs, never during one. Never throws. */
  check(): Promise<PrinterStatus> {
    return this.link.check();
  }

  /** A feedback case's slip, on the same printer with the same honest outcome (issue 22). */
  printFeedbackSlip(slip: Omit<FeedbackSlipData, 'centerName'>): Promise<PrintReply> {
    const centerName = this.centerName();
    return this.link.print((transport, options) =>
      printFeedbackSlip(transport, { ...slip, centerName }, options),
    );
  }

  private centerName(): string {
    const name = this.options.centerName;
    return typeof name === 'function' ? name() : name;
  }

  print(ticket: Ticket, priorityLabel: string | null): Promise<PrintReply> {
    const centerName = this.centerName();
    return this.link.print((transport, options) =>
      printTicket(
        transport,
        {
          centerName,
          serviceName: ticket.serviceName,
          number: ticket.number,
          priorityLabel,
          ahead: ticket.ahead,
          estimatedWaitMinutes: ticket.estimatedWaitMinutes,
          issuedAt: new Date(ticket.issuedAt),
          trackingUrl: ticket.trackingUrl,
          notice: this.options.notice,
          booked: ticket.booked
            ? { startsAt: new Date(ticket.booked.startsAt), code: formatBookingCode(ticket.booked.code) }
            : null,
        },
        options,
      ),
    );
  }
}
