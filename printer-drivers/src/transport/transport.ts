import { PrinterError } from '../errors.js';

/** One interface for every link to a printer (TCP 9100, USB printer device file, serial). */
export interface PrinterTransport {
  /** Where it prints, for logs and per-printer locking (e.g. `tcp://10.0.0.5:9100`). */
  readonly url: string;
  /** Whether the link can carry answers back (DLE EOT status). */
  readonly bidirectional: boolean;
  open(): Promise<void>;
  /** Resolves once the bytes were handed to the OS/device; rejects with a PrinterError. */
  write(bytes: Uint8Array): Promise<void>;
  /** Drops bytes received so far (stale status replies). */
  discardInput(): void;
  /** The next received byte that passes `accept`, or a LAYSO_PRINTER_STATUS_TIMEOUT error. */
  readByte(timeoutMs: number, accept?: (byte: number) => boolean): Promise<number>;
  /** Flushes what was written and closes; safe to call twice. */
  close(): Promise<void>;
}

/** The receive side shared by the stream transports: a byte queue and one waiting reader at a time. */
export class ReceiveQueue {
  private bytes: number[] = [];
  private waiter: {
    accept: (b: number) => boolean;
    resolve: (b: number) => void;
    reject: (e: Error) => void;
  } | null = null;
  private failure: Error | null = null;

  push(chunk: Uint8Array): void {
    for (const b of chunk) {
      const w = this.waiter;
      if (w && w.accept(b)) {
        this.waiter = null;
        w.resolve(b);
      } else if (!w) {
        this.bytes.push(b);
      }
      // with a waiter that rejects the byte: it is stale or noise, drop it
    }
    if (this.bytes.length > 4096) this.bytes.splice(0, this.bytes.length - 4096);
  }

  clear(): void {
    this.bytes = [];
  }

  /** Fails the waiting and all later reads (link closed or broken). */
  fail(error: Error): void {
    this.failure = error;
    const w = this.waiter;
    this.waiter = null;
    w?.reject(error);
  }

  reset(): void {
    this.failure = null;
    this.bytes = [];
  }

  read(timeoutMs: number, accept: (b: number) => boolean = () => true): Promise<number> {
    while (this.bytes.length > 0) {
      const b = this.bytes.shift() ?? 0;
      if (accept(b)) return Promise.resolve(b);
    }
    if (this.failure) return Promise.reject(this.failure);
    if (this.waiter) return Promise.reject(new Error('only one read at a time'));
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new PrinterError('LAYSO_PRINTER_STATUS_TIMEOUT', `no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = {
        accept,
        resolve: (b) => {
          clearTimeout(timer);
          resolve(b);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
    });
  }
}
