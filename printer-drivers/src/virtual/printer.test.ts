import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { wpc1258 } from '../escpos/codepages.js';
import { EscPosEncoder, encodeImageJob } from '../escpos/encoder.js';
import { renderTicket, sampleTicket } from '../layouts/ticket.js';
import { printJob } from '../print-job.js';
import { pngToBitmap } from '../render/png.js';
import { createTransport } from '../transport/url.js';
import { startVirtualPrinter, type VirtualPrinter } from './printer.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function start(
  opts: Parameters<typeof startVirtualPrinter>[0] = {},
): Promise<{ vp: VirtualPrinter; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'layso-vp-'));
  const vp = await startVirtualPrinter({ port: 0, outDir: dir, ...opts });
  cleanups.push(async () => {
    await vp.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { vp, dir };
}

describe('virtual printer', () => {
  it('saves each job as .bin + .png; the PNG holds the ticket and its QR', async () => {
    const { vp, dir } = await start();
    const data = sampleTicket({ trackingUrl: 'http://127.0.0.1:8080/t/abc-1005' });
    const ticket = renderTicket(data);
    const next = vp.nextJob(5000);
    const result = await printJob(createTransport(vp.url), encodeImageJob(ticket, { buzzer: true }));
    expect(result.ok).toBe(true);
    const job = await next;
    expect(job.binPath?.startsWith(dir)).toBe(true);
    expect((await readFile(job.binPath ?? '')).length).toBe(job.bytes.length);
    const png = pngToBitmap(await readFile(job.pngPath ?? ''));
    expect(png.cropHeight(ticket.height).equals(ticket)).toBe(true);
    const img = PNG.sync.read(await readFile(job.pngPath ?? ''));
    expect(jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data).toBe(data.trackingUrl);
    expect(job.events.some((e) => e.type === 'buzzer')).toBe(true);
    expect(job.events.some((e) => e.type === 'cut' && e.kind === 'partial')).toBe(true);
  });

  it('creates its folder and job files owner-only, whatever the umask', async () => {
    const umask = process.umask(0o022);
    try {
      const parent = await mkdtemp(join(tmpdir(), 'layso-vp-'));
      cleanups.push(() => rm(parent, { recursive: true, force: true }));
      const { vp } = await start({ outDir: join(parent, 'printed') });
      const next = vp.nextJob(5000);
      await printJob(createTransport(vp.url), encodeImageJob(renderTicket(sampleTicket()), {}));
      const job = await next;
      const mode = async (p: string | null) => (await stat(p ?? '')).mode & 0o777;
      expect(await mode(join(parent, 'printed'))).toBe(0o700);
      expect(await mode(job.binPath)).toBe(0o600);
      expect(await mode(job.pngPath)).toBe(0o600);
    } finally {
      process.umask(umask);
    }
  });

  it('decodes native QR commands (GS ( k) into the PNG', async () => {
    const { vp } = await start();
    const url = 'https://example.test/q/1005';
    const bytes = new EscPosEncoder()
      .initialize()
      .align('center')
      .qr(url, { moduleSize: 6, level: 'M' })
      .cut()
      .encode();
    await printJob(createTransport(vp.url), bytes);
    const job = vp.jobs[0];
    expect(job?.qrCodes).toEqual([url]);
    const bmp = job?.bitmap;
    expect(bmp).toBeTruthy();
    if (!bmp) return;
    const rgba = new Uint8ClampedArray(bmp.width * bmp.height * 4).fill(255);
    for (let y = 0; y < bmp.height; y++)
      for (let x = 0; x < bmp.width; x++)
        if (bmp.get(x, y)) rgba.fill(0, (y * bmp.width + x) * 4, (y * bmp.width + x) * 4 + 3);
    expect(jsQR(rgba, bmp.width, bmp.height)?.data).toBe(url);
  });

  it('prints text-mode WPC1258 lines', async () => {
    const { vp } = await start();
    const bytes = new EscPosEncoder({ textCodePage: { number: 52, codePage: wpc1258() } })
      .initialize()
      .codePage()
      .line('Số thứ tự 1005')
      .encode();
    await printJob(createTransport(vp.url), bytes);
    expect(vp.jobs[0]?.bitmap?.countBlack()).toBeGreaterThan(100);
  });

  it('changes state while running, through the API and the HTTP control port', async () => {
    const { vp } = await start({ controlPort: 0 });
    expect(vp.controlPort).toBeGreaterThan(0);
    const base = `http://127.0.0.1:${vp.controlPort}`;
    const post = (body: string): Promise<Response> => fetch(`${base}/state`, { method: 'POST', body });
    expect(await (await post('cover-open')).json()).toEqual({ state: 'cover-open' });
    expect(vp.state).toBe('cover-open');
    expect((await post('{"state":"paper-out"}')).status).toBe(200);
    expect(vp.state).toBe('paper-out');
    const bad = await post('jammed');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('LAYSO_BAD_PRINTER_STATE');
    const failed = await printJob(createTransport(vp.url), encodeImageJob(renderTicket(sampleTicket())));
    expect(failed.ok).toBe(false);
    vp.setState('ready');
    expect(await (await fetch(`${base}/state`)).json()).toMatchObject({ state: 'ready' });
    const ok = await printJob(createTransport(vp.url), encodeImageJob(renderTicket(sampleTicket())));
    expect(ok.ok).toBe(true);
    const jobs = (await (await fetch(`${base}/jobs`)).json()) as { printed: boolean }[];
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.printed).toBe(true);
  });

  it('status-only connections are not jobs', async () => {
    const { vp } = await start();
    const t = createTransport(vp.url);
    await t.open();
    t.discardInput();
    await t.write(Uint8Array.of(0x10, 0x04, 1));
    expect(await t.readByte(2000)).toBe(0x12);
    await t.close();
    expect(vp.jobs).toHaveLength(0);
  });
});
