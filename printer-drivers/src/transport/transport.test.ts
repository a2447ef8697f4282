import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeImageJob } from '../escpos/encoder.js';
import { renderTicket, sampleTicket } from '../layouts/ticket.js';
import { printJob, queryStatus } from '../print-job.js';
import { startVirtualPrinter, type VirtualPrinter } from '../virtual/printer.js';
import { DeviceFileTransport } from './device.js';
import { SerialTransport, type SerialPortLike } from './serial.js';
import { TcpTransport } from './tcp.js';
import { ReceiveQueue, type PrinterTransport } from './transport.js';
import { createTransport } from './url.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function printer(state?: Parameters<typeof startVirtualPrinter>[0]): Promise<VirtualPrinter> {
  const vp = await startVirtualPrinter({ port: 0, ...state });
  cleanups.push(() => vp.close());
  return vp;
}

/** A raw TCP peer for the misbehaving printers a virtual printer does not imitate. */
async function rawServer(onConnection: (socket: net.Socket) => void): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    onConnection(s);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const a = server.address();
  return typeof a === 'object' && a ? a.port : 0;
}

const ticket = renderTicket(sampleTicket());
const job = encodeImageJob(ticket);
/** What a checked job puts on the wire: DLE EOT 1..4, the job, DLE EOT 1..4. */
const QUERIES = [1, 2, 3, 4].flatMap((n) => [0x10, 0x04, n]);
const onWire = (bytes: Uint8Array): Buffer => Buffer.from([...QUERIES, ...bytes, ...QUERIES]);

describe('printJob over TCP against the virtual printer', () => {
  it('prints, checks status before and after, and the printer got the same image', async () => {
    const vp = await printer();
    const result = await printJob(createTransport(vp.url), job, { statusTimeoutMs: 2000 });
    expect(result).toMatchObject({ ok: true, verified: true, bytes: job.length });
    expect(vp.jobs).toHaveLength(1);
    const got = vp.jobs[0];
    expect(got?.printed).toBe(true);
    expect(Buffer.from(got?.bytes ?? []).equals(onWire(job))).toBe(true);
    expect(got?.bitmap?.cropHeight(ticket.height).equals(ticket)).toBe(true);
  });

  it('paper out: fails before sending and nothing is printed', async () => {
    const vp = await printer({ state: 'paper-out' });
    const result = await printJob(createTransport(vp.url), job, { statusTimeoutMs: 2000 });
    expect(result).toMatchObject({ ok: false, sent: false, error: { code: 'LAYSO_PRINTER_PAPER_OUT' } });
    expect(vp.jobs).toHaveLength(0);
  });

  it('cover open: fails with the cover code', async () => {
    const vp = await printer({ state: 'cover-open' });
    const result = await printJob(createTransport(vp.url), job, { statusTimeoutMs: 2000 });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'LAYSO_PRINTER_COVER_OPEN', messageVi: 'Nắp máy in đang mở' },
    });
  });

  it('offline: fails with the offline code', async () => {
    const vp = await printer({ state: 'offline' });
    const result = await printJob(createTransport(vp.url), job, { statusTimeoutMs: 2000 });
    expect(result).toMatchObject({ ok: false, error: { code: 'LAYSO_PRINTER_OFFLINE' } });
  });

  it('paper near end still prints and says so', async () => {
    const vp = await printer({ state: 'paper-near-end' });
    const result = await printJob(createTransport(vp.url), job, { statusTimeoutMs: 2000 });
    expect(result).toMatchObject({ ok: true, after: { paperNearEnd: true, paperOut: false } });
  });

  it('paper runs out while the job is sent: the printer swallows the bytes and the job is reported failed', async () => {
    const vp = await printer();
    const inner = createTransport(vp.url);
    // The roll ends just as the data goes out: a real printer accepts the bytes and prints nothing.
    const rollEnds: PrinterTransport = {
      url: inner.url,
      bidirectional: true,
      open: () => inner.open(),
      write: (bytes) => {
        if (bytes.length > 3) vp.setState('paper-out');
        return inner.write(bytes);
      },
      discardInput: () => inner.discardInput(),
      readByte: (t, accept) => inner.readByte(t, accept),
      close: () => inner.close(),
    };
    const result = await printJob(rollEnds, job, { statusTimeoutMs: 2000 });
    expect(result).toMatchObject({
      ok: false,
      sent: true,
      before: { paperOut: false },
      after: { paperOut: true },
    });
    expect(result.ok || result.error.code).toBe('LAYSO_PRINTER_PAPER_OUT');
    expect(vp.jobs[0]?.printed).toBe(false);
  });

  it('a printer that never answers status times out instead of claiming success', async () => {
    const port = await rawServer((s) => s.resume());
    const result = await printJob(createTransport(`tcp://127.0.0.1:${port}`), job, { statusTimeoutMs: 150 });
    expect(result).toMatchObject({ ok: false, sent: false, error: { code: 'LAYSO_PRINTER_STATUS_TIMEOUT' } });
  });

  it('a connection dropped mid-job is reported as lost', async () => {
    // Answers status like a ready printer, then resets the connection after 4 KB of job data.
    const port = await rawServer((s) => {
      let received = 0;
      s.on('data', (chunk: Buffer) => {
        if (chunk.length === 3 && chunk[0] === 0x10 && chunk[1] === 0x04) {
          s.write(Uint8Array.of(0x12));
          return;
        }
        received += chunk.length;
        if (received > 4096) s.resetAndDestroy();
      });
    });
    const big = new Uint8Array(4 * 1024 * 1024).fill(0x0a);
    const result = await printJob(createTransport(`tcp://127.0.0.1:${port}`), big, { statusTimeoutMs: 2000 });
    expect(result).toMatchObject({ ok: false, sent: true, error: { code: 'LAYSO_PRINTER_CONNECTION_LOST' } });
  });

  it('a port nobody listens on is unreachable', async () => {
    const port = await rawServer(() => undefined);
    await cleanups.pop()?.(); // close it again: the port is now free
    const result = await printJob(new TcpTransport({ host: '127.0.0.1', port, connectTimeoutMs: 2000 }), job);
    expect(result).toMatchObject({ ok: false, sent: false, error: { code: 'LAYSO_PRINTER_UNREACHABLE' } });
  });

  it('runs jobs to one printer one at a time, in order', async () => {
    const vp = await printer();
    const a = encodeImageJob(renderTicket(sampleTicket({ number: '1001' })));
    const b = encodeImageJob(renderTicket(sampleTicket({ number: '1002' })));
    const [ra, rb] = await Promise.all([
      printJob(createTransport(vp.url), a),
      printJob(createTransport(vp.url), b),
    ]);
    expect(ra.ok && rb.ok).toBe(true);
    expect(vp.jobs.map((j) => Buffer.from(j.bytes))).toEqual([onWire(a), onWire(b)]);
  });

  it('status query discards stale bytes and reads each answer', async () => {
    const vp = await printer({ state: 'paper-near-end' });
    const t = createTransport(vp.url);
    await t.open();
    const { status, raw } = await queryStatus(t, { timeoutMs: 2000 });
    await t.close();
    expect(status).toEqual({
      online: true,
      coverOpen: false,
      paperNearEnd: true,
      paperOut: false,
      error: false,
    });
    expect(raw.paperSensor).toBe(0x1e);
  });
});

describe('ReceiveQueue', () => {
  it('drops stale and non-status bytes, then takes the next answer', async () => {
    const q = new ReceiveQueue();
    q.push(Uint8Array.of(0x1a)); // a late answer to an earlier question
    q.clear();
    const reading = q.read(1000, (b) => (b & 0x93) === 0x12);
    q.push(Uint8Array.of(0x00, 0xff, 0x16));
    await expect(reading).resolves.toBe(0x16);
  });

  it('times out with a coded error', async () => {
    await expect(new ReceiveQueue().read(20)).rejects.toMatchObject({ code: 'LAYSO_PRINTER_STATUS_TIMEOUT' });
  });
});

describe('device file and serial transports', () => {
  it('writes a job to a device file; without answers the status check times out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'layso-lp-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const path = join(dir, 'lp0');
    await (await import('node:fs/promises')).writeFile(path, '');
    const ok = await printJob(createTransport(path), job, { checkStatus: false });
    expect(ok).toMatchObject({ ok: true, verified: false });
    expect(Buffer.from(await readFile(path)).equals(Buffer.from(job))).toBe(true);
    const silent = await printJob(new DeviceFileTransport({ path }), job, { statusTimeoutMs: 100 });
    expect(silent).toMatchObject({ ok: false, error: { code: 'LAYSO_PRINTER_STATUS_TIMEOUT' } });
  });

  it('serial: status answers flow back through the port', async () => {
    const written: number[] = [];
    const listeners: { data?: (c: Buffer) => void } = {};
    let open = false;
    const fake: SerialPortLike = {
      open: (cb) => {
        open = true;
        cb(null);
      },
      write: (data) => {
        written.push(...data);
        if (data.length === 3 && data[0] === 0x10 && data[1] === 0x04)
          queueMicrotask(() => listeners.data?.(Buffer.of(0x12)));
        return true;
      },
      drain: (cb) => cb(null),
      close: (cb) => {
        open = false;
        cb(null);
      },
      on(event: string, listener: never) {
        if (event === 'data') listeners.data = listener;
        return this;
      },
      get isOpen() {
        return open;
      },
    };
    const t = new SerialTransport({ path: '/dev/ttyFAKE', baudRate: 115200, factory: () => fake });
    const result = await printJob(t, job, { statusTimeoutMs: 500 });
    expect(result).toMatchObject({ ok: true, verified: true });
    expect(written.length).toBe(job.length + 2 * 4 * 3);
    expect(open).toBe(false);
  });

  it('parses printer URLs', () => {
    expect(createTransport('tcp://192.0.2.10').url).toBe('tcp://192.0.2.10:9100');
    expect(createTransport('tcp://127.0.0.1:9555').url).toBe('tcp://127.0.0.1:9555');
    expect(createTransport('/dev/usb/lp0').url).toBe('file:///dev/usb/lp0');
    expect(createTransport('file:///dev/usb/lp1').url).toBe('file:///dev/usb/lp1');
    expect(createTransport('serial:///dev/ttyUSB0?baud=38400').url).toBe('serial:///dev/ttyUSB0?baud=38400');
    expect(() => createTransport('http://x')).toThrow(
      expect.objectContaining({ code: 'LAYSO_PRINTER_BAD_URL' }),
    );
    expect(() => createTransport('not a url')).toThrow(
      expect.objectContaining({ code: 'LAYSO_PRINTER_BAD_URL' }),
    );
  });
});
