import { EventEmitter } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { join } from 'node:path';
import { EscPosDecoder, type DecodedEvent } from '../escpos/decoder.js';
import type { MonoBitmap } from '../render/bitmap.js';
import { bitmapToPng } from '../render/png.js';
import { statusBytes, type PrinterStatus } from '../status.js';

export const VIRTUAL_PRINTER_STATES = [
  'ready',
  'paper-near-end',
  'paper-out',
  'cover-open',
  'offline',
] as const;
export type VirtualPrinterState = (typeof VIRTUAL_PRINTER_STATES)[number];

export function isVirtualPrinterState(s: unknown): s is VirtualPrinterState {
  return typeof s === 'string' && (VIRTUAL_PRINTER_STATES as readonly string[]).includes(s);
}

export function stateToStatus(state: VirtualPrinterState): PrinterStatus {
  return {
    online: state === 'ready' || state === 'paper-near-end',
    coverOpen: state === 'cover-open',
    paperNearEnd: state === 'paper-near-end',
    paperOut: state === 'paper-out',
    error: false,
  };
}

export interface VirtualPrinterOptions {
  /** TCP port; 0 picks a free one (tests). Default 9100. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Folder for `job-….bin` + `.png`; created if missing. Omit to keep jobs in memory only. */
  outDir?: string;
  state?: VirtualPrinterState;
  /** Paper width in dots. Default 576. */
  width?: number;
  /** Optional HTTP control port on the same host (GET/POST /state, GET /jobs); 0 picks a free one. */
  controlPort?: number;
  /** Jobs kept in `jobs` (oldest dropped first). Default 100. */
  keepJobs?: number;
}

export interface VirtualPrinterJob {
  seq: number;
  /** File stem, e.g. `job-20261127T011500Z-0001`. */
  name: string;
  receivedAt: Date;
  bytes: Uint8Array;
  /** False when the printer was out of paper, open or offline: the bytes went nowhere. */
  printed: boolean;
  /** The connection closed before the client finished (client crash, network drop). */
  truncated: boolean;
  state: VirtualPrinterState;
  /** The paper that came out (null when nothing was printed). */
  bitmap: MonoBitmap | null;
  qrCodes: string[];
  events: DecodedEvent[];
  binPath: string | null;
  pngPath: string | null;
}

export interface VirtualPrinter {
  readonly host: string;
  readonly port: number;
  /** `tcp://host:port`, ready for createTransport(). */
  readonly url: string;
  /** The control port when `controlPort` was given. */
  readonly controlPort: number | null;
  readonly state: VirtualPrinterState;
  setState(state: VirtualPrinterState): void;
  readonly jobs: readonly VirtualPrinterJob[];
  /** Subscribes to finished jobs (files already written); returns the unsubscribe function. */
  onJob(listener: (job: VirtualPrinterJob) => void): () => void;
  /**
   * Subscribes to failures to save a job's files (the folder gone or not writable, a full disk); returns the
   * unsubscribe function. Without a listener such a failure is thrown (an EventEmitter 'error').
   */
  onError(listener: (err: unknown) => void): () => void;
  /** The next job to finish, or a rejection after `timeoutMs`. */
  nextJob(timeoutMs?: number): Promise<VirtualPrinterJob>;
  close(): Promise<void>;
}

function stamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** Starts a TCP server that behaves like an ESC/POS printer and keeps what it would have printed. */
export async function startVirtualPrinter(options: VirtualPrinterOptions = {}): Promise<VirtualPrinter> {
  const host = options.host ?? '127.0.0.1';
  const width = options.width ?? 576;
  const keep = options.keepJobs ?? 100;
  let state: VirtualPrinterState = options.state ?? 'ready';
  if (!isVirtualPrinterState(state)) throw new RangeError(`unknown printer state ${String(state)}`);
  const emitter = new EventEmitter();
  const jobs: VirtualPrinterJob[] = [];
  const active = new Set<EscPosDecoder>();
  const sockets = new Set<net.Socket>();
  let seq = 0;
  // Printed slips carry what a citizen's ticket says: owner-only, whatever the umask.
  if (options.outDir) await mkdir(options.outDir, { recursive: true, mode: 0o700 });

  const canPrint = (): boolean => state === 'ready' || state === 'paper-near-end';

  const finishJob = async (
    bytes: Uint8Array,
    decoder: EscPosDecoder,
    printedAll: boolean,
    truncated: boolean,
  ): Promise<void> => {
    decoder.end();
    if (!decoder.hasOutput) return;
    seq += 1;
    const receivedAt = new Date();
    const name = `job-${stamp(receivedAt)}-${String(seq).padStart(4, '0')}`;
    const bitmap = printedAll || decoder.bitmap.height > 0 ? decoder.bitmap : null;
    const job: VirtualPrinterJob = {
      seq,
      name,
      receivedAt,
      bytes,
      printed: printedAll,
      truncated,
      state,
      bitmap: bitmap && bitmap.height > 0 ? bitmap : null,
      qrCodes: [...decoder.qrCodes],
      events: [...decoder.events],
      binPath: null,
      pngPath: null,
    };
    if (options.outDir) {
      job.binPath = join(options.outDir, `${name}.bin`);
      await writeFile(job.binPath, bytes, { mode: 0o600 });
      if (job.bitmap) {
        job.pngPath = join(options.outDir, `${name}.png`);
        await writeFile(job.pngPath, bitmapToPng(job.bitmap), { mode: 0o600 });
      }
    }
    jobs.push(job);
    if (jobs.length > keep) jobs.splice(0, jobs.length - keep);
    emitter.emit('job', job);
  };

  // allowHalfOpen: the client's FIN ends the job; we answer with ours only once the job is saved, so a
  // client whose close() resolved can already see the job.
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    let printedAll = canPrint();
    let ended = false;
    const decoder = new EscPosDecoder({
      width,
      onStatusRequest: (n) => {
        const answers = statusBytes(stateToStatus(state));
        const byte =
          n === 1
            ? answers.printer
            : n === 2
              ? answers.offlineCause
              : n === 3
                ? answers.errorCause
                : n === 4
                  ? answers.paperSensor
                  : null;
        if (byte !== null && !socket.destroyed) socket.write(Uint8Array.of(byte));
      },
    });
    decoder.printing = printedAll;
    active.add(decoder);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (!canPrint()) {
        printedAll = false;
        decoder.printing = false;
      }
      decoder.write(chunk);
    });
    socket.on('error', () => undefined);
    socket.on('end', () => {
      ended = true;
      active.delete(decoder);
      finishJob(Buffer.concat(chunks), decoder, printedAll, false)
        .catch((err: unknown) => emitter.emit('error', err))
        .finally(() => socket.end());
    });
    socket.on('close', () => {
      sockets.delete(socket);
      active.delete(decoder);
      if (!ended) void finishJob(Buffer.concat(chunks), decoder, false, true).catch(() => undefined);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 9100, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const setState = (s: VirtualPrinterState): void => {
    if (!isVirtualPrinterState(s)) throw new RangeError(`unknown printer state ${String(s)}`);
    state = s;
    if (!canPrint()) for (const d of active) d.printing = false;
    emitter.emit('state', s);
  };

  let control: http.Server | null = null;
  let controlPort: number | null = null;
  if (options.controlPort !== undefined) {
    control = http.createServer((req, res) => {
      const reply = (code: number, body: unknown): void => {
        res.writeHead(code, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(body));
      };
      const url = new URL(req.url ?? '/', 'http://control');
      if (url.pathname === '/state' && req.method === 'GET')
        return reply(200, { state, states: VIRTUAL_PRINTER_STATES });
      if (url.pathname === '/jobs' && req.method === 'GET') {
        return reply(
          200,
          jobs.map((j) => ({
            seq: j.seq,
            name: j.name,
            printed: j.printed,
            truncated: j.truncated,
            bytes: j.bytes.length,
            qrCodes: j.qrCodes,
            png: j.pngPath,
          })),
        );
      }
      if (url.pathname === '/state' && (req.method === 'POST' || req.method === 'PUT')) {
        let body = '';
        let tooBig = false;
        req.setEncoding('utf8');
        req.on('data', (c: string) => {
          body += c;
          if (body.length > 1024) tooBig = true;
        });
        req.on('end', () => {
          if (tooBig)
            return reply(413, { error: { code: 'LAYSO_BODY_TOO_LARGE', message: 'body too large' } });
          let wanted: unknown = body.trim();
          try {
            const parsed: unknown = JSON.parse(body);
            wanted =
              typeof parsed === 'object' && parsed !== null ? (parsed as { state?: unknown }).state : parsed;
          } catch {
            // plain text body: the state name itself
          }
          if (!isVirtualPrinterState(wanted)) {
            return reply(400, {
              error: {
                code: 'LAYSO_BAD_PRINTER_STATE',
                message: `state must be one of ${VIRTUAL_PRINTER_STATES.join(', ')}`,
              },
            });
          }
          setState(wanted);
          return reply(200, { state });
        });
        return undefined;
      }
      return reply(404, {
        error: { code: 'LAYSO_NOT_FOUND', message: 'GET /state, POST /state, GET /jobs' },
      });
    });
    const ctl = control;
    await new Promise<void>((resolve, reject) => {
      ctl.once('error', reject);
      ctl.listen(options.controlPort, host, () => {
        ctl.off('error', reject);
        resolve();
      });
    });
    const a = ctl.address();
    controlPort = typeof a === 'object' && a ? a.port : null;
  }

  return {
    host,
    port,
    url: `tcp://${host}:${port}`,
    controlPort,
    get state() {
      return state;
    },
    setState,
    jobs,
    onJob(listener) {
      emitter.on('job', listener);
      return () => emitter.off('job', listener);
    },
    onError(listener) {
      emitter.on('error', listener);
      return () => emitter.off('error', listener);
    },
    nextJob(timeoutMs = 5000) {
      return new Promise<VirtualPrinterJob>((resolve, reject) => {
        const timer = setTimeout(() => {
          emitter.off('job', onJob);
          reject(new Error(`no print job within ${timeoutMs} ms`));
        }, timeoutMs);
        const onJob = (job: VirtualPrinterJob): void => {
          clearTimeout(timer);
          resolve(job);
        };
        emitter.once('job', onJob);
      });
    },
    async close() {
      const closing = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closing;
      if (control) {
        const c = control;
        c.closeAllConnections();
        await new Promise<void>((resolve) => c.close(() => resolve()));
      }
    },
  };
}
