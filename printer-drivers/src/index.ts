// @layso/printer-drivers — Vietnamese thermal tickets over ESC/POS, printer status, input devices, and a
// virtual printer. A standalone library: it imports nothing of ours.

// Layouts and rendering
export { bookedLines, renderTicket, sampleTicket, TICKET_TEXT, type TicketData } from './layouts/ticket.js';
export { renderReceipt, sampleReceipt, RECEIPT_TEXT, type ReceiptData } from './layouts/receipt.js';
export {
  renderFeedbackSlip,
  sampleFeedbackSlip,
  feedbackSlipLines,
  feedbackSlipAddress,
  formatDueDay,
  FEEDBACK_SLIP_TEXT,
  type FeedbackSlipData,
} from './layouts/feedback-slip.js';
export { PAPER_WIDTHS, type LayoutOptions } from './layouts/common.js';
export { formatTicketTime, formatFormTime } from './layouts/time.js';
export { MonoBitmap } from './render/bitmap.js';
export { bitmapToPng, pngToBitmap, bitmapToRgba } from './render/png.js';
export { loadFace, fontFilePath, FontFace, type FontWeight } from './render/font.js';
export { renderQr, qrMatrix, type QrErrorLevel } from './render/qr.js';
export { renderCode128, code128Values } from './render/code128.js';

// Encoder and decoder
export {
  EscPosEncoder,
  encodeImageJob,
  DEFAULT_PROFILE,
  type PrinterProfile,
  type ImageMode,
  type CutKind,
  type QrLevel,
} from './escpos/encoder.js';
export { wpc1258, asciiFolding, type CodePage } from './escpos/codepages.js';
export { EscPosDecoder, decodeEscPos, type DecodedEvent, type DecoderOptions } from './escpos/decoder.js';

// Status
export {
  combineStatus,
  isStatusByte,
  parsePrinterStatus,
  parseOfflineCause,
  parseErrorCause,
  parsePaperSensor,
  statusBytes,
  type PrinterStatus,
  type RawStatus,
  type StatusRequest,
} from './status.js';

// Transports and jobs
export type { PrinterTransport } from './transport/transport.js';
export { TcpTransport, type TcpTransportOptions } from './transport/tcp.js';
export { DeviceFileTransport, type DeviceTransportOptions } from './transport/device.js';
export { SerialTransport, type SerialTransportOptions, type SerialPortLike } from './transport/serial.js';
export { createTransport, type TransportTimeouts } from './transport/url.js';
export {
  printJob,
  queryStatus,
  blockingFault,
  withPrinterLock,
  type PrintJobOptions,
  type PrintJobResult,
} from './print-job.js';
export { PrinterError, isPrinterError, type PrinterErrorCode } from './errors.js';
export {
  stateOfStatus,
  stateOfErrorCode,
  stateOfJob,
  checkPrinter,
  printTicket,
  printReceipt,
  printFeedbackSlip,
  type PrinterState,
  type PrintTicketOptions,
  type PrintTicketOutcome,
} from './printer-state.js';

// Virtual printer
export {
  startVirtualPrinter,
  stateToStatus,
  isVirtualPrinterState,
  VIRTUAL_PRINTER_STATES,
  type VirtualPrinter,
  type VirtualPrinterJob,
  type VirtualPrinterOptions,
  type VirtualPrinterState,
} from './virtual/printer.js';

// Input devices (node-hid is loaded lazily, only when a device is opened)
export { KeyboardReportDecoder, keyName, type KeyPress } from './input/keyboard.js';
export { HidPosReportDecoder, DEFAULT_HID_POS_LAYOUT, type HidPosLayout } from './input/hid-pos.js';
export {
  ScanFilter,
  KeystrokeScanAssembler,
  collapseDoubled,
  type ScanFilterOptions,
} from './input/scans.js';
export {
  HidScanner,
  RatingKeypad,
  openHidDevice,
  listHidDevices,
  matchesSelector,
  DEFAULT_RATING_KEYS,
  type HidDeviceLike,
  type HidDeviceInfo,
  type HidSelector,
  type ScannerOptions,
  type RatingKeypadOptions,
  type Rating,
} from './input/devices.js';
