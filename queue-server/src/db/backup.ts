import { mkdirSync, readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { formatCompact, toIso, vnLocal } from '../domain/time.js';
import type { Clock } from '../domain/types.js';

const NAME = /^queue-(\d{14})\.db$/;

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
    mkdirSync(this.dir, { recursive: true });
    const at = this.clock.now();
    let file = join(this.dir, `queue-${formatCompact(at)}.db`);
    for (let i = 1; this.exists(file) && i < 100; i++)
      file = join(this.dir, `queue-${formatCompact(at)}-${i}.db`);
    // Written under a temporary name and renamed, so a half-written file is never taken for a backup.
    const partial = `${file}.partial`;
    await this.db.backup(partial);
    renameSync(partial, file);
    this.rotate();
    return { file, bytes: statSync(file).size, at: toIso(at) };
  }

  list(): string[] {
    try {
      return readdirSync(this.dir)
        .filter((f) => NAME.test(f) || /^queue-\d{14}-\d+\.db$/.test(f))
        .sort();
    } catch {
      return [];
    }
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

  private rotate(): void {
    const files = this.list();
    for (const f of files.slice(0, Math.max(0, files.length - this.options.keep)))
      unlinkSync(join(this.dir, f));
  }

  private exists(file: string): boolean {
    try {
      statSync(file);
      return true;
    } catch {
      return false;
    }
  }
}
