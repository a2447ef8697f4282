// npm run bench -w @layso/printer-drivers — render + encode of the standard 80 mm ticket.
// Prints a table and writes ../bench-results/printer-drivers.json. Not a test: no thresholds are asserted.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeImageJob } from '../src/escpos/encoder.js';
import { renderReceipt, sampleReceipt } from '../src/layouts/receipt.js';
import { renderTicket, sampleTicket, type TicketData } from '../src/layouts/ticket.js';
import { printJob } from '../src/print-job.js';
import { createTransport } from '../src/transport/url.js';
import { startVirtualPrinter } from '../src/virtual/printer.js';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = 200;
const WARMUP = 20;

function stats(samples: number[]): { median: number; p95: number; min: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))] ?? NaN;
  return { median: at(0.5), p95: at(0.95), min: s[0] ?? NaN, max: s.at(-1) ?? NaN };
}

function time(fn: (i: number) => void, runs = RUNS): number[] {
  for (let i = 0; i < WARMUP; i++) fn(i);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

// Each run gets a different number and wait so caches of whole tickets cannot help; glyph caches can, as in
// a running kiosk server.
const ticketFor = (i: number): TicketData =>
  sampleTicket({ number: String(1000 + (i % 900)), ahead: i % 37, estimatedWaitMinutes: 5 + (i % 50) });

const coldStart = performance.now();
const first = encodeImageJob(renderTicket(sampleTicket()));
const coldMs = performance.now() - coldStart;

let bytes = first.length;
let heightDots = 0;
const renderEncode = stats(
  time((i) => {
    const bmp = renderTicket(ticketFor(i));
    heightDots = bmp.height;
    bytes = encodeImageJob(bmp).length;
  }),
);
const renderOnly = stats(time((i) => void renderTicket(ticketFor(i))));
const standard = renderTicket(sampleTicket());
const encodeOnly = stats(time(() => void encodeImageJob(standard)));
const fullWidthBytes = encodeImageJob(standard, { profile: { compact: false } }).length;
const columnBytes = encodeImageJob(standard, { profile: { imageMode: 'column' } }).length;
const ticket58 = encodeImageJob(renderTicket(sampleTicket(), { width: 384 }), {
  profile: { widthDots: 384 },
}).length;
const receiptBytes = encodeImageJob(renderReceipt(sampleReceipt())).length;

// Over TCP: whole checked jobs (status before/after, bytes, flush and close) to the virtual printer on loopback.
const vp = await startVirtualPrinter({ port: 0 });
const tcpSamples: number[] = [];
for (let i = 0; i < 30; i++) {
  const t = performance.now();
  const r = await printJob(createTransport(vp.url), first, { statusTimeoutMs: 2000 });
  tcpSamples.push(performance.now() - t);
  if (!r.ok) throw new Error(`bench print failed: ${r.error.code}`);
}
await vp.close();
const tcp = stats(tcpSamples);

const serialMs = (n: number, baud: number): number => ((n * 10) / baud) * 1000; // 8N1: 10 bits a byte
const result = {
  date: new Date().toISOString(),
  node: process.version,
  runs: RUNS,
  ticket: { widthDots: 576, heightDots, paperMm: Math.round(heightDots / 8) },
  coldFirstTicketMs: coldMs,
  renderPlusEncodeMs: renderEncode,
  renderMs: renderOnly,
  encodeMs: encodeOnly,
  bytes: {
    ticket80mmCompact: bytes,
    ticket80mmFullWidthBands: fullWidthBytes,
    ticket80mmColumnMode: columnBytes,
    ticket58mm: ticket58,
    receiptMau01: receiptBytes,
  },
  transferMs: {
    serial115200: serialMs(bytes, 115200),
    serial38400: serialMs(bytes, 38400),
    tcp100Mbit: ((bytes * 8) / 100e6) * 1000,
    tcpLoopbackCheckedJobToVirtualPrinter: tcp,
  },
  targets: { medianMs: 15, bytes: 30 * 1024 },
};

const f = (n: number): string => n.toFixed(2);
console.table({
  'render+encode 80 mm (ms)': {
    median: f(renderEncode.median),
    p95: f(renderEncode.p95),
    min: f(renderEncode.min),
  },
  'render only (ms)': { median: f(renderOnly.median), p95: f(renderOnly.p95), min: f(renderOnly.min) },
  'encode only (ms)': { median: f(encodeOnly.median), p95: f(encodeOnly.p95), min: f(encodeOnly.min) },
  'checked job over TCP loopback (ms)': { median: f(tcp.median), p95: f(tcp.p95), min: f(tcp.min) },
});
console.table({
  'ticket 80 mm, compact raster': { bytes, 'ms @115200': f(serialMs(bytes, 115200)) },
  'ticket 80 mm, full-width raster': {
    bytes: fullWidthBytes,
    'ms @115200': f(serialMs(fullWidthBytes, 115200)),
  },
  'ticket 80 mm, ESC * column': { bytes: columnBytes, 'ms @115200': f(serialMs(columnBytes, 115200)) },
  'ticket 58 mm': { bytes: ticket58, 'ms @115200': f(serialMs(ticket58, 115200)) },
  'receipt Mẫu 01': { bytes: receiptBytes, 'ms @115200': f(serialMs(receiptBytes, 115200)) },
});
console.log(
  `first ticket in a fresh process (font parse + glyph cache): ${f(coldMs)} ms; ticket ${heightDots} dots ≈ ${result.ticket.paperMm} mm of paper`,
);
const out = resolve(here, '../../bench-results/printer-drivers.json');
await mkdir(dirname(out), { recursive: true });
await writeFile(out, JSON.stringify(result, null, 2) + '\n');
console.log(`wrote ${out}`);
