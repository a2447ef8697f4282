/**
 * DLE EOT n real-time status (Epson ESC/POS; Xprinter and Rongta answer the same bits).
 * Every answer byte has the fixed pattern 0xx1xx10: bits 1 and 4 set, bits 0 and 7 clear.
 */
export interface PrinterStatus {
  online: boolean;
  coverOpen: boolean;
  paperNearEnd: boolean;
  paperOut: boolean;
  /** An error stopped printing (cutter jam, head overheat, unrecoverable error). */
  error: boolean;
}

export type StatusRequest = 1 | 2 | 3 | 4;

/** Raw answers to DLE EOT 1..4; any may be missing when the printer did not answer it. */
export interface RawStatus {
  printer?: number;
  offlineCause?: number;
  errorCause?: number;
  paperSensor?: number;
}

/** True when `byte` has the fixed bits of a DLE EOT answer (so stray bytes are not taken for status). */
export function isStatusByte(byte: number): boolean {
  return (byte & 0b1001_0011) === 0b0001_0010;
}

export interface PrinterBits {
  /** n=1 bit 3: offline. */
  offline: boolean;
  /** n=1 bit 2: drawer kick-out connector pin 3 high. */
  drawerPin3: boolean;
  /** n=1 bit 5: waiting for online recovery. */
  waitingRecovery: boolean;
  /** n=1 bit 6: paper feed button pressed. */
  feedButton: boolean;
}

export function parsePrinterStatus(byte: number): PrinterBits {
  return {
    drawerPin3: (byte & 0x04) !== 0,
    offline: (byte & 0x08) !== 0,
    waitingRecovery: (byte & 0x20) !== 0,
    feedButton: (byte & 0x40) !== 0,
  };
}

export interface OfflineCauseBits {
  /** n=2 bit 2 */
  coverOpen: boolean;
  /** n=2 bit 3: paper being fed by the feed button */
  feeding: boolean;
  /** n=2 bit 5: printing stopped because paper ran out */
  paperEndStop: boolean;
  /** n=2 bit 6: an error occurred */
  error: boolean;
}

export function parseOfflineCause(byte: number): OfflineCauseBits {
  return {
    coverOpen: (byte & 0x04) !== 0,
    feeding: (byte & 0x08) !== 0,
    paperEndStop: (byte & 0x20) !== 0,
    error: (byte & 0x40) !== 0,
  };
}

export interface ErrorCauseBits {
  /** n=3 bit 2: recoverable error (e.g. mechanical, TM-T88) */
  recoverable: boolean;
  /** n=3 bit 3: autocutter error */
  cutter: boolean;
  /** n=3 bit 5: unrecoverable error */
  unrecoverable: boolean;
  /** n=3 bit 6: auto-recoverable error (head too hot) */
  autoRecoverable: boolean;
}

export function parseErrorCause(byte: number): ErrorCauseBits {
  return {
    recoverable: (byte & 0x04) !== 0,
    cutter: (byte & 0x08) !== 0,
    unrecoverable: (byte & 0x20) !== 0,
    autoRecoverable: (byte & 0x40) !== 0,
  };
}

export interface PaperSensorBits {
  /** n=4 bits 2–3: roll paper near-end sensor */
  nearEnd: boolean;
  /** n=4 bits 5–6: roll paper end sensor */
  end: boolean;
}

export function parsePaperSensor(byte: number): PaperSensorBits {
  return { nearEnd: (byte & 0x0c) !== 0, end: (byte & 0x60) !== 0 };
}

/** Combines whatever answers arrived into the status the rest of the system uses. */
export function combineStatus(raw: RawStatus): PrinterStatus {
  const p = raw.printer === undefined ? undefined : parsePrinterStatus(raw.printer);
  const o = raw.offlineCause === undefined ? undefined : parseOfflineCause(raw.offlineCause);
  const e = raw.errorCause === undefined ? undefined : parseErrorCause(raw.errorCause);
  const s = raw.paperSensor === undefined ? undefined : parsePaperSensor(raw.paperSensor);
  const paperOut = (s?.end ?? false) || (o?.paperEndStop ?? false);
  const coverOpen = o?.coverOpen ?? false;
  const error =
    (o?.error ?? false) || (e ? e.cutter || e.unrecoverable || e.autoRecoverable || e.recoverable : false);
  return {
    online: p ? !p.offline : !(paperOut || coverOpen || error),
    coverOpen,
    paperNearEnd: s?.nearEnd ?? false,
    paperOut,
    error,
  };
}

/** Builds answer bytes for a status (what the virtual printer sends back). */
export function statusBytes(status: PrinterStatus): Required<RawStatus> {
  const base = 0b0001_0010;
  const offline = !status.online || status.coverOpen || status.paperOut || status.error;
  return {
    printer: base | (offline ? 0x08 : 0) | (offline ? 0x20 : 0),
    offlineCause:
      base | (status.coverOpen ? 0x04 : 0) | (status.paperOut ? 0x20 : 0) | (status.error ? 0x40 : 0),
    errorCause: base | (status.error ? 0x20 : 0),
    paperSensor: base | (status.paperNearEnd || status.paperOut ? 0x0c : 0) | (status.paperOut ? 0x60 : 0),
  };
}
