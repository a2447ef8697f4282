import net from 'node:net';
import { PrinterError } from '../errors.js';
import { ReceiveQueue, type PrinterTransport } from './transport.js';

export interface TcpTransportOptions {
  host: string;
  /** Default 9100 (raw "JetDirect" port every Ethernet ESC/POS printer listens on). */
  port?: number;
  connectTimeoutMs?: number;
  /** Longest wait for the OS to take a write (a printer that stops reading fills the socket buffers). */
  writeTimeoutMs?: number;
  /** Longest wait for the printer to close its side after our FIN. */
  closeTimeoutMs?: number;
}

/** Raw TCP (port 9100). One connection per job; `close()` half-closes and waits so all bytes are flushed. */
export class TcpTransport implements PrinterTransport {
  readonly url: string;
  readonly bidirectional = true;
  private readonly opts: Required<TcpTransportOptions>;
  private socket: net.Socket | null = null;
  private readonly rx = new ReceiveQueue();
  private lost: PrinterError | null = null;

  constructor(options: TcpTransportOptions) {
    this.opts = {
      port: 9100,
      connectTimeoutMs: 3000,
      writeTimeoutMs: 10000,
      closeTimeoutMs: 3000,
      ...options,
    };
    this.url = `tcp://${this.opts.host.includes(':') ? `[${this.opts.host}]` : this.opts.host}:${this.opts.port}`;
  }

  open(): Promise<void> {
    if (this.socket) return Promise.resolve();
    this.rx.reset();
    this.lost = null;
    return new Promise<void>((resolve, reject) => {
      const socket = net.connect({ host: this.opts.host, port: this.opts.port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          new PrinterError(
            'LAYSO_PRINTER_CONNECT_TIMEOUT',
            `no connection to ${this.url} within ${this.opts.connectTimeoutMs} ms`,
          ),
        );
      }, this.opts.connectTimeoutMs);
      const onError = (err: Error): void => {
        clearTimeout(timer);
        socket.destroy();
        reject(
          new PrinterError('LAYSO_PRINTER_UNREACHABLE', `cannot connect to ${this.url}: ${err.message}`, {
            cause: err,
          }),
        );
      };
      socket.once('error', onError);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.off('error', onError);
        this.socket = socket;
        socket.on('data', (chunk: Buffer) => this.rx.push(chunk));
        socket.on('error', (err) => this.markLost(`connection to ${this.url} failed: ${err.message}`, err));
        socket.on('close', () => {
          if (this.socket === socket) this.markLost(`${this.url} closed the connection`);
        });
        resolve();
      });
    });
  }

  private markLost(message: string, cause?: unknown): void {
    if (!this.lost) this.lost = new PrinterError('LAYSO_PRINTER_CONNECTION_LOST', message, { cause });
    this.rx.fail(this.lost);
  }

  write(bytes: Uint8Array): Promise<void> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new PrinterError('LAYSO_PRINTER_NOT_OPEN', `${this.url} is not open`));
    if (this.lost) return Promise.reject(this.lost);
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (err?: PrinterError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.off('close', onClose);
        if (err) reject(err);
        else resolve();
      };
      const onClose = (): void =>
        finish(
          this.lost ??
            new PrinterError('LAYSO_PRINTER_CONNECTION_LOST', `${this.url} closed during the write`),
        );
      const timer = setTimeout(() => {
        finish(
          new PrinterError(
            'LAYSO_PRINTER_WRITE_TIMEOUT',
            `${this.url} did not take ${bytes.length} bytes within ${this.opts.writeTimeoutMs} ms`,
          ),
        );
        socket.destroy();
      }, this.opts.writeTimeoutMs);
      socket.once('close', onClose);
      socket.write(bytes, (err) => {
        if (err)
          finish(
            this.lost ??
              new PrinterError(
                'LAYSO_PRINTER_CONNECTION_LOST',
                `write to ${this.url} failed: ${err.message}`,
                { cause: err },
              ),
          );
        else finish();
      });
    });
  }

  discardInput(): void {
    this.rx.clear();
  }

  readByte(timeoutMs: number, accept?: (byte: number) => boolean): Promise<number> {
    if (!this.socket)
      return Promise.reject(new PrinterError('LAYSO_PRINTER_NOT_OPEN', `${this.url} is not open`));
    return this.rx.read(timeoutMs, accept);
  }

  /** Sends FIN after the queued bytes and waits for the printer to close, so nothing is cut off. */
  close(): Promise<void> {
    const socket = this.socket;
    if (!socket) return Promise.resolve();
    this.socket = null;
    this.rx.fail(new PrinterError('LAYSO_PRINTER_NOT_OPEN', `${this.url} was closed`));
    if (socket.destroyed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        socket.destroy();
        resolve();
      }, this.opts.closeTimeoutMs);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.end();
      socket.resume();
    });
  }
}
