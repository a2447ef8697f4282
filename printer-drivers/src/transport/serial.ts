import { PrinterError } from '../errors.js';
import { importOptional } from '../lazy.js';
import { ReceiveQueue, type PrinterTransport } from './transport.js';

/** The part of `serialport`'s SerialPort we use. */
export interface SerialPortLike {
  open(cb: (err: Error | null) => void): void;
  write(data: Uint8Array, cb?: (err: Error | null | undefined) => void): boolean;
  drain(cb: (err: Error | null) => void): void;
  close(cb: (err: Error | null) => void): void;
  on(event: 'data', listener: (chunk: Buffer) => void): this;
  on(event: 'error', listener: (err: Error) => void): this;
  on(event: 'close', listener: () => void): this;
  readonly isOpen: boolean;
}

export type SerialPortFactory = (options: { path: string; baudRate: number }) => SerialPortLike;

export interface SerialTransportOptions {
  path: string;
  /** Default 115200 (the usual USB-serial setting of Xprinter/Rongta; Epson ships 38400). */
  baudRate?: number;
  writeTimeoutMs?: number;
  /** Tests pass serialport's MockBinding-backed port here; by default `serialport` is imported lazily. */
  factory?: SerialPortFactory;
}

interface SerialPortModule {
  SerialPort: new (o: { path: string; baudRate: number; autoOpen: boolean }) => SerialPortLike;
}

export class SerialTransport implements PrinterTransport {
  readonly url: string;
  readonly bidirectional = true;
  private readonly opts: SerialTransportOptions & { baudRate: number; writeTimeoutMs: number };
  private port: SerialPortLike | null = null;
  private readonly rx = new ReceiveQueue();

  constructor(options: SerialTransportOptions) {
    this.opts = { baudRate: 115200, writeTimeoutMs: 30000, ...options };
    this.url = `serial://${this.opts.path}?baud=${this.opts.baudRate}`;
  }

  async open(): Promise<void> {
    if (this.port) return;
    this.rx.reset();
    let factory: SerialPortFactory;
    if (this.opts.factory) factory = this.opts.factory;
    else {
      const m = await importOptional<SerialPortModule>('serialport', 'a serial printer');
      factory = (o) => new m.SerialPort({ ...o, autoOpen: false });
    }
    const port = factory({ path: this.opts.path, baudRate: this.opts.baudRate });
    await new Promise<void>((resolve, reject) => {
      port.open((err) => {
        if (err)
          reject(
            new PrinterError('LAYSO_PRINTER_UNREACHABLE', `cannot open ${this.opts.path}: ${err.message}`, {
              cause: err,
            }),
          );
        else resolve();
      });
    });
    port.on('data', (chunk) => this.rx.push(chunk));
    port.on('error', (err) =>
      this.rx.fail(new PrinterError('LAYSO_PRINTER_CONNECTION_LOST', err.message, { cause: err })),
    );
    port.on('close', () =>
      this.rx.fail(new PrinterError('LAYSO_PRINTER_CONNECTION_LOST', `${this.url} closed`)),
    );
    this.port = port;
  }

  write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port) return Promise.reject(new PrinterError('LAYSO_PRINTER_NOT_OPEN', `${this.url} is not open`));
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new PrinterError(
              'LAYSO_PRINTER_WRITE_TIMEOUT',
              `${this.url} did not drain within ${this.opts.writeTimeoutMs} ms`,
            ),
          ),
        this.opts.writeTimeoutMs,
      );
      port.write(bytes);
      port.drain((err) => {
        clearTimeout(timer);
        if (err)
          reject(
            new PrinterError('LAYSO_PRINTER_CONNECTION_LOST', `write to ${this.url} failed: ${err.message}`, {
              cause: err,
            }),
          );
        else resolve();
      });
    });
  }

  discardInput(): void {
    this.rx.clear();
  }

  readByte(timeoutMs: number, accept?: (byte: number) => boolean): Promise<number> {
    if (!this.port)
      return Promise.reject(new PrinterError('LAYSO_PRINTER_NOT_OPEN', `${this.url} is not open`));
    return this.rx.read(timeoutMs, accept);
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (!port || !port.isOpen) return;
    await new Promise<void>((resolve) => port.drain(() => port.close(() => resolve())));
  }
}
