import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import {
  isVirtualPrinterState,
  startVirtualPrinter,
  VIRTUAL_PRINTER_STATES,
  type VirtualPrinterState,
} from '../virtual/printer.js';
import { parseCli } from './args.js';

function fail(message: string): never {
  console.error(`layso-virtual-printer: ${message}\n\n${HELP}`);
  process.exit(2);
}

const HELP = `layso-virtual-printer — máy in ESC/POS ảo trên TCP, lưu mỗi lệnh in thành .bin + .png /
an ESC/POS printer on TCP that saves each job as .bin + .png

Cách dùng / usage: layso-virtual-printer [--port 9100] [--host 127.0.0.1] [--out ./printed] [--state ready]
                                         [--width 576] [--control-port <port>]

Khi đang chạy, gõ trạng thái trên stdin / while it runs, type a state on stdin (${VIRTUAL_PRINTER_STATES.join(', ')}), "status" or "quit";
or, with --control-port, use HTTP:
  curl -s localhost:<control-port>/state
  curl -s -X POST localhost:<control-port>/state -d paper-out
  curl -s localhost:<control-port>/jobs`;

function intArg(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) fail(`--${name} must be an integer 0..65535`);
  return n;
}

const args = parseCli(
  {
    port: { type: 'string' },
    host: { type: 'string' },
    out: { type: 'string' },
    state: { type: 'string' },
    width: { type: 'string' },
    'control-port': { type: 'string' },
  },
  HELP,
  fail,
);
const state = args.state ?? 'ready';
if (!isVirtualPrinterState(state)) fail(`--state must be one of ${VIRTUAL_PRINTER_STATES.join(', ')}`);
const outDir = resolve(args.out ?? 'printed');
const printer = await startVirtualPrinter({
  port: intArg(args.port, 'port', 9100),
  host: args.host ?? '127.0.0.1',
  outDir,
  state,
  width: intArg(args.width, 'width', 576),
  ...(args['control-port'] !== undefined
    ? { controlPort: intArg(args['control-port'], 'control-port', 0) }
    : {}),
}).catch((err: Error) => fail(err.message));

console.log(`virtual printer listening on ${printer.url} (state ${printer.state}), saving jobs to ${outDir}`);
if (printer.controlPort !== null) console.log(`control: http://${printer.host}:${printer.controlPort}/state`);

printer.onJob((job) => {
  const what = job.printed ? 'printed' : `NOT printed (${job.state})`;
  const qr = job.qrCodes.length > 0 ? ` qr=${job.qrCodes.join(',')}` : '';
  console.log(
    `job ${job.seq}: ${job.bytes.length} bytes, ${what}${job.truncated ? ', truncated' : ''} → ${job.pngPath ?? job.binPath ?? '(memory)'}${qr}`,
  );
});

let closing = false;
const shutdown = async (): Promise<void> => {
  if (closing) return;
  closing = true;
  await printer.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

// State commands on stdin (one per line).
const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const cmd = line.trim().toLowerCase();
  if (!cmd) return;
  if (cmd === 'quit' || cmd === 'exit') return void shutdown();
  if (cmd === 'status') return console.log(`state ${printer.state}, ${printer.jobs.length} jobs`);
  const next = cmd === 'near-end' ? 'paper-near-end' : cmd;
  if (isVirtualPrinterState(next)) {
    printer.setState(next as VirtualPrinterState);
    return console.log(`state → ${next}`);
  }
  return console.log(
    `unknown command "${cmd}"; states: ${VIRTUAL_PRINTER_STATES.join(', ')}; or status, quit`,
  );
});
