import { printReceipt, type ReceiptData } from '@layso/printer-drivers';
import type { PrintReply, PrinterStatus } from '@layso/protocol';
import type { Clock } from '../domain/types.js';
import { PrinterLink } from './printer-link.js';

/**
 * The counters' printer of Mẫu 01 receipt slips (RECEIPT_PRINTER_URL; the virtual printer in the demo), with the
 * same status handling as tickets. Never throws; the slip's text (personal data) is never logged.
 */
export class ReceiptPrinter {
  private readonly link: PrinterLink;

  constructor(options: { url: string | null; clock: Clock; statusTimeoutMs?: number }) {
    this.link = new PrinterLink(options);
  }

  status(): PrinterStatus {
    return this.link.status();
  }

  print(data: ReceiptData): Promise<PrintReply> {
    return this.link.print((transport, options) => printReceipt(transport, data, options));
  }
}
