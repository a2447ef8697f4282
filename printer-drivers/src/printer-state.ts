import { isPrinterError, type PrinterErrorCode } from './errors.js';
import { encodeImageJob } from './escpos/encoder.js';
import { renderFeedbackSlip, type FeedbackSlipData } from './layouts/feedback-slip.js';
import { renderReceipt, type ReceiptData } from './layouts/receipt.js';
import { renderTicket, type TicketData } from './layouts/ticket.js';
import type { MonoBitmap } from './render/bitmap.js';
import { printJob, queryStatus, withPrinterLock, type PrintJobResult } from './print-job.js';
import type { PrinterStatus } from './status.js';
import type { PrinterTransport } from './transport/transport.js';

/**
 * A printer's state in one word, as a kiosk shows it. `paper-near-end` still prints (staff are warned, the
 * citizen is not bothered); `paper-out`, `cover-open`, `offline` and `error` print nothing.
 */
export type PrinterState = 'ready' | 'paper-near-end' | 'paper-out' | 'cover-open' | 'offline' | 'error';

/** The state for a printer status: the worst fault first, in the order of blockingFault. */
export function stateOfStatus(s: PrinterStatus): PrinterState {
  if (s.paperOut) return 'paper-out';
  if (s.coverOpen) return 'cover-open';
  if (s.error) return 'error';
  if (!s.online) return 'offline';
  if (s.paperNearEnd) return 'paper-near-end';
  return 'ready';
}

/** The state for an error code: link problems are `offline`, a bad URL or a missing library `error`. */
export function stateOfErrorCode(code: PrinterErrorCode): PrinterState {
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

/** The state a print job left the printer in (the status after the bytes, else before, else `ready`). */
export function stateOfJob(r: PrintJobResult): PrinterState {
  if (r.ok) return r.after ? stateOfStatus(r.after) : r.before ? stateOfStatus(r.before) : 'ready';
  const fromCode = stateOfErrorCode(r.error.code);
  // A generic printer error with a status in hand: the status says more (e.g. cover open mid-job).
  if (fromCode === 'error') {
    const s = r.after ?? r.before;
    if (s && stateOfStatus(s) !== 'ready') return stateOfStatus(s);
  }
  return fromCode;
}

/**
 * Asks the printer its status (DLE EOT 1–4) between jobs, never during one: it waits for the printer's lock
 * (withPrinterLock on the transport's URL), opens, asks, and closes. Never throws: a PrinterError becomes its
 * state (stateOfErrorCode), anything else `offline`.
 */
export async function checkPrinter(
  transport: PrinterTransport,
  options: { timeoutMs?: number } = {},
): Promise<PrinterState> {
  const timeoutMs = options.timeoutMs ?? 1000;
  try {
    return await withPrinterLock(transport.url, async () => {
      try {
        await transport.open();
        const { status } = await queryStatus(transport, { timeoutMs });
        return stateOfStatus(status);
      } finally {
        try {
          await transport.close();
        } catch {
          // closing a link that failed: nothing more to learn
        }
      }
    });
  } catch (e) {
    return isPrinterError(e) ? stateOfErrorCode(e.code) : 'offline';
  }
}

export interface PrintTicketOptions {
  /** Printable width in dots: 576 (80 mm, default), 512 (80 mm on some Epsons) or 384 (58 mm). */
  width?: 576 | 512 | 384;
  /** Per DLE EOT question, before and after the bytes. Default 1000 ms. */
  statusTimeoutMs?: number;
}

export interface PrintTicketOutcome {
  printed: boolean;
  state: PrinterState;
  error: { code: string; message: string; messageVi: string } | null;
}

/**
 * Prints a queue ticket: rendered as a raster image (correct Vietnamese on any ESC/POS printer), encoded with
 * a partial cut, sent by printJob (status before and after, one job at a time per printer). Never throws: a
 * printer fault or a ticket that cannot be drawn comes back as `{printed:false, state, error}`.
 */
export function printTicket(
  transport: PrinterTransport,
  data: TicketData,
  options: PrintTicketOptions = {},
): Promise<PrintTicketOutcome> {
  return printDrawn(transport, (width) => renderTicket(data, { width }), options, {
    message: 'the ticket could not be drawn',
    messageVi: 'Không tạo được phiếu để in',
  });
}

/**
 * Prints the Mẫu 01 receipt-and-appointment slip the same way as a ticket (raster, status before and after,
 * one job at a time per printer). Never throws. The slip holds personal data: nothing of it goes into the
 * outcome or its error.
 */
export function printReceipt(
  transport: PrinterTransport,
  data: ReceiptData,
  options: PrintTicketOptions = {},
): Promise<PrintTicketOutcome> {
  return printDrawn(transport, (width) => renderReceipt(data, { width }), options, {
    message: 'the receipt slip could not be drawn',
    messageVi: 'Không tạo được giấy tiếp nhận để in',
    withCause: false,
  });
}

/**
 * Prints a feedback case's slip (code, dates, the QR of its page) the same way as a ticket. Never throws; what the
 * slip carries (a case's code) stays out of the outcome and its error.
 */
export function printFeedbackSlip(
  transport: PrinterTransport,
  data: FeedbackSlipData,
  options: PrintTicketOptions = {},
): Promise<PrintTicketOutcome> {
  return printDrawn(transport, (width) => renderFeedbackSlip(data, { width }), options, {
    message: 'the feedback slip could not be drawn',
    messageVi: 'Không tạo được phiếu tiếp nhận phản ánh để in',
    withCause: false,
  });
}

/** Draws, encodes with a partial cut and sends one job; the one place printing outcomes are decided. */
async function printDrawn(
  transport: PrinterTransport,
  draw: (width: 576 | 512 | 384) => MonoBitmap,
  options: PrintTicketOptions,
  drawFailure: { message: string; messageVi: string; withCause?: boolean },
): Promise<PrintTicketOutcome> {
  const width = options.width ?? 576;
  let bytes: Uint8Array;
  try {
    bytes = encodeImageJob(draw(width), { profile: { widthDots: width }, cut: 'partial' });
  } catch (e) {
    return {
      printed: false,
      state: 'error',
      error: {
        code: 'LAYSO_PRINTER_ERROR',
        message:
          drawFailure.withCause === false
            ? drawFailure.message
            : `${drawFailure.message}: ${e instanceof Error ? e.message : String(e)}`,
        messageVi: drawFailure.messageVi,
      },
    };
  }
  try {
    const result = await printJob(transport, bytes, { statusTimeoutMs: options.statusTimeoutMs ?? 1000 });
    return { printed: result.ok, state: stateOfJob(result), error: result.ok ? null : result.error };
  } catch (e) {
    // printJob resolves printer faults; only a transport that breaks its contract gets here.
    if (isPrinterError(e)) return { printed: false, state: stateOfErrorCode(e.code), error: e.toJSON() };
    return {
      printed: false,
      state: 'error',
      error: {
        code: 'LAYSO_PRINTER_ERROR',
        message: e instanceof Error ? e.message : String(e),
        messageVi: 'Máy in báo lỗi',
      },
    };
  }
}
