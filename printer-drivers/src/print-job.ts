import { PrinterError, type PrinterErrorCode } from './errors.js';
import {
  combineStatus,
  isStatusByte,
  type PrinterStatus,
  type RawStatus,
  type StatusRequest,
} from './status.js';
import type { PrinterTransport } from './transport/transport.js';

const FIELD: Record<StatusRequest, keyof RawStatus> = {
  1: 'printer',
  2: 'offlineCause',
  3: 'errorCause',
  4: 'paperSensor',
};

/**
 * Asks DLE EOT 1, 2, 3 and 4 one after another on an open transport. Bytes that arrived before each
 * question are discarded (stale answers), and only bytes shaped like a status answer are taken.
 * Rejects with LAYSO_PRINTER_STATUS_TIMEOUT when the printer does not answer within `timeoutMs` each.
 */
export async function queryStatus(
  transport: PrinterTransport,
  options: { timeoutMs?: number; requests?: StatusRequest[] } = {},
): Promise<{ status: PrinterStatus; raw: RawStatus }> {
  const timeoutMs = options.timeoutMs ?? 1000;
  const raw: RawStatus = {};
  for (const n of options.requests ?? [1, 2, 3, 4]) {
    transport.discardInput();
    await transport.write(Uint8Array.of(0x10, 0x04, n));
    raw[FIELD[n]] = await transport.readByte(timeoutMs, isStatusByte);
  }
  return { status: combineStatus(raw), raw };
}

export interface PrintJobOptions {
  /** Per status question; default 1000 ms. */
  statusTimeoutMs?: number;
  /** Skip the status checks (one-way links such as a parallel cable). The result then says verified: false. */
  checkStatus?: boolean;
}

export type PrintJobResult =
  | {
      ok: true;
      verified: boolean;
      before: PrinterStatus | null;
      after: PrinterStatus | null;
      bytes: number;
      durationMs: number;
    }
  | {
      ok: false;
      error: { code: PrinterErrorCode; message: string; messageVi: string };
      /** Whether the job's bytes were (at least partly) sent before it failed. */
      sent: boolean;
      before: PrinterStatus | null;
      after: PrinterStatus | null;
    };

/** The fault that stops a printer from printing, if any (paper out first: it is what staff can fix). */
export function blockingFault(s: PrinterStatus): PrinterError | null {
  if (s.paperOut) return new PrinterError('LAYSO_PRINTER_PAPER_OUT', 'the printer is out of paper');
  if (s.coverOpen) return new PrinterError('LAYSO_PRINTER_COVER_OPEN', 'the printer cover is open');
  if (s.error) return new PrinterError('LAYSO_PRINTER_ERROR', 'the printer reports an error');
  if (!s.online) return new PrinterError('LAYSO_PRINTER_OFFLINE', 'the printer is offline');
  return null;
}

const locks = new Map<string, Promise<unknown>>();

/** Runs `fn` after every earlier job for the same printer URL has finished (one job at a time per printer). */
export function withPrinterLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const prev = locks.get(key) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  const tail = run.catch(() => undefined);
  locks.set(key, tail);
  void tail.then(() => {
    if (locks.get(key) === tail) locks.delete(key);
  });
  return run;
}

/**
 * Prints one job: open → status before → bytes → status after → close. Never throws for printer faults:
 * it resolves `{ok:false, error}` so the kiosk can tell the citizen the ticket did not print. A printer
 * without paper that swallows the bytes is reported as failed, not as success.
 */
export function printJob(
  transport: PrinterTransport,
  bytes: Uint8Array,
  options: PrintJobOptions = {},
): Promise<PrintJobResult> {
  return withPrinterLock(transport.url, () => runJob(transport, bytes, options));
}

async function runJob(
  transport: PrinterTransport,
  bytes: Uint8Array,
  options: PrintJobOptions,
): Promise<PrintJobResult> {
  const started = performance.now();
  const check = (options.checkStatus ?? true) && transport.bidirectional;
  const timeoutMs = options.statusTimeoutMs ?? 1000;
  let before: PrinterStatus | null = null;
  let after: PrinterStatus | null = null;
  let sent = false;
  const fail = (e: unknown): PrintJobResult => {
    const err =
      e instanceof PrinterError
        ? e
        : new PrinterError('LAYSO_PRINTER_ERROR', (e as Error)?.message ?? String(e), { cause: e });
    return { ok: false, error: err.toJSON(), sent, before, after };
  };
  try {
    await transport.open();
  } catch (e) {
    return fail(e);
  }
  let result: PrintJobResult | null = null;
  try {
    if (check) {
      before = (await queryStatus(transport, { timeoutMs })).status;
      const fault = blockingFault(before);
      if (fault) throw fault;
    }
    sent = true;
    await transport.write(bytes);
    if (check) {
      after = (await queryStatus(transport, { timeoutMs })).status;
      const fault = blockingFault(after);
      if (fault) throw fault;
    }
  } catch (e) {
    result = fail(e);
  }
  try {
    await transport.close();
  } catch (e) {
    result ??= fail(e);
  }
  return (
    result ?? {
      ok: true,
      verified: check,
      before,
      after,
      bytes: bytes.length,
      durationMs: performance.now() - started,
    }
  );
}
