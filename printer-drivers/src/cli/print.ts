import { writeFile } from 'node:fs/promises';
import { encodeImageJob, type ImageMode } from '../escpos/encoder.js';
import { renderTicket, sampleTicket } from '../layouts/ticket.js';
import { printJob, queryStatus } from '../print-job.js';
import { bitmapToPng } from '../render/png.js';
import { createTransport } from '../transport/url.js';
import { parseCli } from './args.js';

function fail(message: string): never {
  console.error(`layso-print: ${message}\n\n${HELP}`);
  process.exit(2);
}

const HELP = `layso-print — in phiếu mẫu ra máy in ESC/POS / print a sample ticket to an ESC/POS printer

Cách dùng / usage: layso-print --to <url> --sample [--number 1005] [--service "Sở Tư pháp"] [--center "…"]
                               [--priority "Người cao tuổi"] [--width 576|512|384] [--mode raster|column]
                               [--png ticket.png] [--timeout 1000]
                   layso-print --to <url> --status   (hỏi trạng thái / query the status)

Địa chỉ máy in / printer URLs: tcp://HOST[:9100], /dev/usb/lp0 (or file:///dev/usb/lp0), serial:///dev/ttyUSB0?baud=115200
Mã thoát 0 khi máy in xác nhận, 1 khi lỗi (lý do in ra dạng JSON) /
exit code 0 when the printer confirmed the job, 1 when it failed (the reason is printed as JSON).`;

const args = parseCli(
  {
    to: { type: 'string' },
    sample: { type: 'boolean' },
    status: { type: 'boolean' },
    number: { type: 'string' },
    service: { type: 'string' },
    center: { type: 'string' },
    priority: { type: 'string' },
    width: { type: 'string' },
    mode: { type: 'string' },
    png: { type: 'string' },
    timeout: { type: 'string' },
  },
  HELP,
  fail,
);
if (!args.to) fail('--to is required');
const timeout = args.timeout === undefined ? 1000 : Number(args.timeout);
if (!Number.isInteger(timeout) || timeout <= 0) fail('--timeout must be a positive integer (ms)');

let transport;
try {
  transport = createTransport(args.to);
} catch (err) {
  fail((err as Error).message);
}

if (args.status) {
  try {
    await transport.open();
    const { status, raw } = await queryStatus(transport, { timeoutMs: timeout });
    console.log(JSON.stringify({ status, raw }, null, 2));
    await transport.close();
    process.exit(0);
  } catch (err) {
    await transport.close().catch(() => undefined);
    console.error(JSON.stringify({ error: (err as { toJSON?: () => unknown }).toJSON?.() ?? String(err) }));
    process.exit(1);
  }
}
if (!args.sample) fail('nothing to print: pass --sample (or --status)');
const width = args.width === undefined ? 576 : Number(args.width);
const mode = (args.mode ?? 'raster') as ImageMode;
if (mode !== 'raster' && mode !== 'column') fail('--mode must be raster or column');

const ticket = sampleTicket({
  issuedAt: new Date(),
  ...(args.number !== undefined ? { number: args.number } : {}),
  ...(args.service !== undefined ? { serviceName: args.service } : {}),
  ...(args.center !== undefined ? { centerName: args.center } : {}),
  ...(args.priority !== undefined ? { priorityLabel: args.priority } : {}),
});
let bytes: Uint8Array;
try {
  const bitmap = renderTicket(ticket, { width });
  if (args.png) await writeFile(args.png, bitmapToPng(bitmap));
  bytes = encodeImageJob(bitmap, { profile: { widthDots: width, imageMode: mode } });
} catch (err) {
  fail((err as Error).message);
}
const result = await printJob(transport, bytes, { statusTimeoutMs: timeout });
if (result.ok) {
  console.log(
    `printed ticket ${ticket.number} (${result.bytes} bytes) to ${transport.url} in ${Math.round(result.durationMs)} ms`,
  );
  process.exit(0);
}
console.error(JSON.stringify(result, null, 2));
process.exit(1);
