import { open, type FileHandle } from 'node:fs/promises';
import { PrinterError } from '../errors.js';
import { ReceiveQueue, type PrinterTransport } from './transport.js';

export interface DeviceTransportOptions {
  /** e.g. /dev/usb/lp0 (Linux usblp). */
  path: string;
  writeTimeoutMs?: number;
}

/**
 * The USB printer class device file. usblp is bidirectional on most printers: a read returns the answer to
 * DLE EOT. Reads run on libuv's thread pool; one read at a time is kept pending and its bytes queued.
 */
export class DeviceFileTransport implements PrinterTransport {
  readonly url: string;
  readonly bidirectional = true;
  private readonly opts: Required<DeviceTransportOptions>;
  private handle: FileHandle | null = null;
  private readonly rx = new ReceiveQueue();
  private reading = false;

  constructor(options: DeviceTransportOptions) {
    this.opts = { writeTimeoutMs: 10000, ...options };
    this.url = `file://${this.opts.path}`;
  }

  async open(): Promise<void> {
    if (this.handle) return;
    this.rx.reset();
    try {
      this.handle = await open(this.opts.path, 'r+');
    } catch (err) {
      throw new PrinterError(
        'LAYSO_PRINTER_UNREACHABLE',
        `cannot open ${this.opts.path}: ${(err as Error).message}`,
        { cause: err },
      );
    }
  }

  async write(bytes: Uint8Array): Promise<void> {
    const h = this.handle;
    if (!h) throw new PrinterError('LAYSO_PRINTER_NOT_OPEN', `${this.url} is not open`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new PrinterError(
              'LAYSO_PRINTER_WRITE_TIMEOUT',
              `${this.url} did not take the data within ${this.opts.writeTimeoutMs} ms`,
            ),
          ),
        this.opts.writeTimeoutMs,
      );
    });
    try {
      await Promise.race([h.write(bytes), timeout]);
    } catch (err) {
      if (err instanceof PrinterError) throw err;
      throw new PrinterError(
        'LAYSO_PRINTER_CONNECTION_LOST',
        `write to ${this.url} failed: ${(err as Error).message}`,
        { cause: err },
      );
    } finally {
      clearTimeout(timer);
    }
  }

  discardInput(): void {
    this.rx.clear();
  }

  private pump(): void {
    const h = this.handle;
    if (!h || this.reading) return;
    this.reading = true;
    const buf = new Uint8Array(64);
    h.read(buf, 0, buf.length, null).then(
      ({ bytesRead }) => {
        this.reading = false;
        if (bytesRead > 0) this.rx.push(buf.subarray(0, bytesRead));
      },
      () => {
        this.reading = false;
      },
    );
  }

  readByte(timeoutMs: number, accept?: (byte: number) => boolean): Promise<number> {
    if (!this.handle)
      return Promise.reject(new PrinterError('LAYSO_PRINTER_NOT_OPEN', `${this.url} is not open`));
    this.pump();
    return this.rx.read(timeoutMs, accept);
  }

  async close(): Promise<void> {
    const h = this.handle;
    this.handle = null;
    this.rx.fail(new PrinterError('LAYSO_PRINTER_NOT_OPEN', `${this.url} was closed`));
    if (!h) return;
    try {
      await h.sync().catch(() => undefined);
    } finally {
      await h.close();
    }
  }
}
