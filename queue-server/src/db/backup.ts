import { readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { toIso, vnLocal } from '../domain/time.js';
import type { Clock } from '../domain/types.js';
import { createPrivateFile, privateDir, privateFile } from './files.js';

/**
 * `queue-20261130T120000.123-000.db`: Vietnam time to the millisecond, then a sequence number for backups made
 * in the same millisecond; fixed width, so the names sort by time as text.
 */
const NAME = /^queue-(\d{8})T(\d{6})\.(\d{3})-(\d{3})\.db$/;
/** Names before issue 17: `queue-20261130120000.db`, then `-1`, `-2`… in the same second. */
const LEGACY = /^queue-(\d{14})(?:-(\d{1,3}))?\.db$/;

/** A backup's time and sequence as 20 digits that sort in time order, whichever of the two names it has. */
function sortKey(name: string): string | null {
  const m = NAME.exec(name);
  if (m) return `${m[1]}${m[2]}${m[3]}${m[4]}`;
  const l = LEGACY.exec(name);
  if (l) return `${l[1]}000${(l[2] ?? '0').padStart(3, '0')}`;
  return null;
}

/** The backups' file names in `dir`, oldest first (by the time in the name, not as text); none if no folder. */
export function listBackups(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .flatMap((f) => {
      const key = sortKey(f);
      return key === null ? [] : [{ f, key }];
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.f);
}

/**
 * Online backups with SQLite's backup API (consistent while the server keeps writing): on demand and once a
 * day after `hour` (Vietnam time), keeping the newest `keep` files in `dir`.
 */
export class Backups {
  private timer: NodeJS.Timeout | undefined;
  private lastDay: string | null = null;

  constructor(
    private readonly db: Database,
    private readonly dir: string,
    private readonly clock: Clock,
    private readonly options: { keep: number; hour: number },
  ) {}

  private running: Promise<unknown> = Promise.resolve();

  /** One backup at a time: a second request (double click, the daily one) waits for the first. */
  run(): Promise<{ file: string; bytes: number; at: string }> {
    const next = this.running.then(
      () => this.runOne(),
      () => this.runOne(),
    );
    this.running = next.catch(() => undefined);
    return next;
  }

  /** Resolves once no backup is in progress (before closing the database). */
  async idle(): Promise<void> {
    await this.running;
  }

  private async runOne(): Promise<{ file: string; bytes: number; at: string }> {
    privateDir(this.dir);
    const at = this.clock.now();
    const name = this.nameFor(at);
    const file = join(this.dir, name);
    // Written under a temporary name and renamed, so a half-written file is never taken for a backup; created
    // owner-only before SQLite writes a byte of it.
    const partial = `${file}.partial`;
    createPrivateFile(partial);
    await this.db.backup(partial);
    privateFile(partial);
    renameSync(partial, file);
    const bytes = statSync(file).size;
    this.rotate(name);
    return { file, bytes, at: toIso(at) };
  }

  /** The name for a backup made at `at`: after every backup of the same millisecond (rotation may have
   * removed the lower numbers, so the next is one past the highest still there). */
  private nameFor(at: Date): string {
    const d = toIso(at).slice(0, 23).replace(/\D/g, '');
    const stamp = `${d.slice(0, 8)}T${d.slice(8, 14)}.${d.slice(14, 17)}`;
    let next = 0;
    for (const f of this.list()) {
      const m = NAME.exec(f);
      if (m && `${m[1]}T${m[2]}.${m[3]}` === stamp) next = Math.max(next, Number(m[4]) + 1);
    }
    if (next > 999) throw new Error(`too many backups in one millisecond: ${stamp}`);
    return `queue-${stamp}-${String(next).padStart(3, '0')}.db`;
  }

  /** The backups' file names, oldest first (by the time in the name, not as text). */
  list(): string[] {
    return listBackups(this.dir);
  }

  /** Full paths of the backups, oldest first (for the intake retention). */
  files(): string[] {
    return this.list().map((f) => join(this.dir, f));
  }

  /** Checks every 10 minutes whether today's backup is due. */
  startDaily(onError: (e: unknown) => void): void {
    const tick = () => {
      const local = vnLocal(this.clock.now());
      if (local.minutes >= this.options.hour * 60 && this.lastDay !== local.day) {
        this.lastDay = local.day;
        this.run().catch(onError);
      }
    };
    this.timer = setInterval(tick, 10 * 60_000);
    this.timer.unref();
    tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * Keeps the newest `keep` by time, `made` always among them (even if the clock went back); leftovers of an
   * interrupted backup go too (one backup runs at a time, so no other `.partial` is in progress).
   */
  private rotate(made: string): void {
    const others = this.list().filter((f) => f !== made);
    const drop = others.slice(0, Math.max(0, others.length - (this.options.keep - 1)));
    for (const f of drop) unlinkSync(join(this.dir, f));
    for (const f of readdirSync(this.dir)) if (f.endsWith('.db.partial')) unlinkSync(join(this.dir, f));
  }
}
