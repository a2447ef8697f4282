/**
 * What a soak run does: the center's size, the compressed day and the faults injected into it. The full run
 * (`npm run soak`) and the short one inside `npm test` differ only by these numbers.
 */
import { parseArgs } from 'node:util';
import type { ServerEntry } from '../support/child.js';

/** A fault injected between two parts of the day (see faults.ts). */
export type FaultKind = 'kill' | 'paper-out' | 'printer-offline' | 'provincial-outage';

export interface SoakOptions {
  counters: number;
  /** Lobby displays + counter-top screens, all real Socket.IO clients. */
  screens: number;
  /** Tickets the kiosks try to issue over the day (the 201s are what the invariants hold the server to). */
  tickets: number;
  kiosks: number;
  /** Tracking-page phones following tickets over /t/:code and /api/track/:code. */
  phones: number;
  /** Services of the big center; each counter serves two of them. */
  services: number;
  /** Arrival rate of the compressed day, tickets per second over all kiosks. */
  ticketsPerSecond: number;
  /** Share of tickets the kiosk prints on the virtual printer (rendering every ticket would measure the renderer). */
  printShare: number;
  /** Share of finished tickets that are received dossiers, sent to the provincial stand-in. */
  dossierShare: number;
  /** Share of called tickets whose citizen never comes (no-show). */
  noShowShare: number;
  /** Faults in the order they happen; the day is cut into faults.length + 1 parts. */
  faults: FaultKind[];
  /** Calls measured one by one in the fan-out phase (call → every screen vs a bare broadcast). */
  fanoutCalls: number;
  /** How long a display may take to converge, or the outbox to drain, before the run says it did not. */
  settleMs: number;
  /** Keep the DATA_DIR after the run (it is printed). */
  keepData: boolean;
  /** The server's TypeScript source through tsx, or the compiled build (`npm run build` first). */
  entry: ServerEntry;
  /** Progress lines; never carries personal data. */
  log: (line: string) => void;
}

export const FULL: Omit<SoakOptions, 'log'> = {
  counters: 200,
  screens: 2000,
  tickets: 50_000,
  kiosks: 40,
  phones: 200,
  services: 40,
  // What two cores running the server and the whole load (2,000 screens in one process) keep up with, measured:
  // ~35–40 tickets/s; a higher rate only makes the kiosks' requests queue.
  ticketsPerSecond: 40,
  printShare: 0.02,
  dossierShare: 0.4,
  noShowShare: 0.05,
  faults: ['paper-out', 'provincial-outage', 'kill', 'printer-offline', 'kill'],
  fanoutCalls: 200,
  settleMs: 60_000,
  keepData: false,
  entry: 'source',
};

export const SHORT: Omit<SoakOptions, 'log'> = {
  counters: 10,
  screens: 50,
  tickets: 1000,
  kiosks: 6,
  phones: 10,
  services: 4,
  ticketsPerSecond: 120,
  printShare: 0.1,
  dossierShare: 0.4,
  noShowShare: 0.05,
  faults: ['paper-out', 'provincial-outage', 'kill'],
  fanoutCalls: 30,
  settleMs: 20_000,
  keepData: false,
  entry: 'source',
};

const FAULTS: readonly FaultKind[] = ['kill', 'paper-out', 'printer-offline', 'provincial-outage'];

/** `npm run soak -- --help`. */
export const USAGE = [
  'Cách dùng / usage: npm run soak -- [tuỳ chọn / options]',
  '  --counters <n>            số quầy / counters (200)',
  '  --screens <n>             số màn hình / screens (2000)',
  '  --tickets <n>             số phiếu trong ngày / tickets over the day (50000)',
  '  --kiosks <n> · --phones <n> · --services <n> · --tickets-per-second <n>',
  '  --print-share · --dossier-share · --no-show-share <0..1>  tỉ lệ / shares',
  `  --faults <a,b,…|none>     sự cố theo thứ tự / faults in order (${FAULTS.join(', ')})`,
  '  --fanout-calls <n> · --settle-ms <ms>',
  '  --entry source|compiled   máy chủ chạy từ mã nguồn (tsx) hay bản biên dịch / server from source (tsx) or compiled',
  '  --keep-data               giữ DATA_DIR / keep the DATA_DIR',
  '  -h, --help                hướng dẫn này / this help',
  'Biến môi trường / environment: SOAK_COUNTERS, SOAK_TICKETS, … (same names)',
].join('\n');

/**
 * The full run's options changed by flags (`--counters 50`, `--screens=500`, `--faults kill,paper-out`) or by
 * the environment (SOAK_COUNTERS, SOAK_SCREENS, …); `help` when -h/--help was given. A bad value stops the run
 * with a message, never a default.
 */
export function parseCommandLine(
  argv: string[],
  env: NodeJS.ProcessEnv,
  base: Omit<SoakOptions, 'log'> = FULL,
): { help: true } | { help: false; options: Omit<SoakOptions, 'log'> } {
  const given = new Map<string, string>();
  for (const [k, v] of Object.entries(env)) {
    if (k.startsWith('SOAK_') && v !== undefined) given.set(camel(k.slice(5).toLowerCase()), v);
  }
  // Every option is a flag of the same name in kebab case; all take a value but --keep-data.
  const flags = Object.fromEntries(
    Object.keys(base).map((k) => [kebab(k), { type: k === 'keepData' ? 'boolean' : 'string' } as const]),
  );
  const { values } = parseArgs({
    args: argv,
    options: { ...flags, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return { help: true };
  for (const [flag, v] of Object.entries(values)) given.set(camel(flag), String(v));
  const out: Omit<SoakOptions, 'log'> = { ...base, faults: [...base.faults] };
  for (const [key, raw] of given) {
    if (!(key in base)) throw new Error(`unknown option ${key}`);
    const k = key as keyof typeof out;
    if (k === 'faults') {
      const list = raw === '' || raw === 'none' ? [] : raw.split(',').map((s) => s.trim());
      for (const f of list)
        if (!FAULTS.includes(f as FaultKind)) throw new Error(`unknown fault ${f} (${FAULTS.join(', ')})`);
      out.faults = list as FaultKind[];
    } else if (k === 'keepData') {
      out.keepData = raw === 'true' || raw === '1';
    } else if (k === 'entry') {
      if (raw !== 'source' && raw !== 'compiled') throw new Error(`entry: source or compiled, not ${raw}`);
      out.entry = raw;
    } else {
      const n = Number(raw);
      const share = k === 'printShare' || k === 'dossierShare' || k === 'noShowShare';
      if (!Number.isFinite(n) || n < 0 || (share ? n > 1 : !Number.isInteger(n) && k !== 'ticketsPerSecond'))
        throw new Error(`bad value for ${key}: ${raw}`);
      (out as unknown as Record<string, number>)[k] = n;
    }
  }
  if (out.counters < 1 || out.counters > 899) throw new Error('counters: 1 … 899');
  if (out.services < 1 || out.services > 999) throw new Error('services: 1 … 999');
  if (out.kiosks < 1) throw new Error('kiosks: at least 1');
  if (out.ticketsPerSecond <= 0) throw new Error('ticketsPerSecond must be positive');
  return { help: false, options: out };
}

/** The options of a run that takes no -h/--help (the benches). */
export function parseOptions(
  argv: string[],
  env: NodeJS.ProcessEnv,
  base: Omit<SoakOptions, 'log'> = FULL,
): Omit<SoakOptions, 'log'> {
  const r = parseCommandLine(argv, env, base);
  if (r.help) throw new Error('--help: use parseCommandLine');
  return r.options;
}

function kebab(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function camel(s: string): string {
  return s.replace(/[-_]([a-z])/g, (_, c: string) => c.toUpperCase());
}
