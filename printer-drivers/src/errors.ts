/** Errors are data with codes (CONVENTIONS 12): a code for programs, a Vietnamese and an English message. */
export type PrinterErrorCode =
  | 'LAYSO_PRINTER_BAD_URL'
  | 'LAYSO_PRINTER_CONNECT_TIMEOUT'
  | 'LAYSO_PRINTER_UNREACHABLE'
  | 'LAYSO_PRINTER_WRITE_TIMEOUT'
  | 'LAYSO_PRINTER_CONNECTION_LOST'
  | 'LAYSO_PRINTER_NOT_OPEN'
  | 'LAYSO_PRINTER_STATUS_TIMEOUT'
  | 'LAYSO_PRINTER_PAPER_OUT'
  | 'LAYSO_PRINTER_COVER_OPEN'
  | 'LAYSO_PRINTER_OFFLINE'
  | 'LAYSO_PRINTER_ERROR'
  | 'LAYSO_PRINTER_DEPENDENCY_MISSING';

const VI: Record<PrinterErrorCode, string> = {
  LAYSO_PRINTER_BAD_URL: 'Địa chỉ máy in không hợp lệ',
  LAYSO_PRINTER_CONNECT_TIMEOUT: 'Không kết nối được máy in (quá thời gian chờ)',
  LAYSO_PRINTER_UNREACHABLE: 'Không kết nối được máy in',
  LAYSO_PRINTER_WRITE_TIMEOUT: 'Máy in không nhận dữ liệu (quá thời gian chờ)',
  LAYSO_PRINTER_CONNECTION_LOST: 'Mất kết nối với máy in khi đang in',
  LAYSO_PRINTER_NOT_OPEN: 'Chưa mở kết nối máy in',
  LAYSO_PRINTER_STATUS_TIMEOUT: 'Máy in không trả lời trạng thái',
  LAYSO_PRINTER_PAPER_OUT: 'Máy in hết giấy',
  LAYSO_PRINTER_COVER_OPEN: 'Nắp máy in đang mở',
  LAYSO_PRINTER_OFFLINE: 'Máy in đang ngoại tuyến',
  LAYSO_PRINTER_ERROR: 'Máy in báo lỗi',
  LAYSO_PRINTER_DEPENDENCY_MISSING: 'Thiếu thư viện thiết bị',
};

export class PrinterError extends Error {
  readonly code: PrinterErrorCode;
  readonly messageVi: string;

  constructor(code: PrinterErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PrinterError';
    this.code = code;
    this.messageVi = VI[code];
  }

  toJSON(): { code: PrinterErrorCode; message: string; messageVi: string } {
    return { code: this.code, message: this.message, messageVi: this.messageVi };
  }
}

export function isPrinterError(e: unknown): e is PrinterError {
  return e instanceof PrinterError;
}
