import { createTransport, encodeImageJob, printJob, renderTicket } from '@layso/printer-drivers';
import type { PrintReply, Ticket } from '@layso/protocol';

export interface TicketPrinterOptions {
  /** tcp://host:port, /dev/usb/lp0 or serial://…; null = no printer configured. */
  url: string | null;
  centerName: string;
  notice: string | null;
  statusTimeoutMs?: number;
}

/**
 * Prints a queue ticket as a raster image (correct Vietnamese on any ESC/POS printer), checking the printer's
 * status before and after. Never throws: a fault comes back as `{printed:false, error}` for the kiosk to show.
 */
export class TicketPrinter {
  constructor(private readonly options: TicketPrinterOptions) {}

  async print(ticket: Ticket, priorityLabel: string | null): Promise<PrintReply> {
    if (!this.options.url) {
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
      if (result.ok) return { printed: true, error: null };
      return {
        printed: false,
        error: { code: result.error.code, message: `${result.error.messageVi} / ${result.error.message}` },
      };
    } catch (e) {
      return {
        printed: false,
        error: {
          code: 'LAYSO_PRINTER_FAILED',
          message: `Máy in không in được phiếu / ${e instanceof Error ? e.message : String(e)}`,
        },
      };
    }
  }
}
