/**
 * Screens spread over child processes (worker.ts), ⌈N / perWorker⌉ of them, each with its own event loop.
 *
 * Why processes, and 250 screens each: with every screen in the process that also sends the calls, the last
 * screen hears a call only once that one process has read every earlier socket (2,000 sockets × a call's three
 * messages, each applied to a snapshot) — the bench then timed the load generator. Child processes rather than
 * worker threads: they load TypeScript the way the server child does (`node --import tsx`), which a worker
 * thread started from vitest's own workers does not inherit, and no heap or GC is shared. 250 a process keeps
 * one process's turn through its sockets short next to the server's own work, while 2,000 screens take 8
 * processes (~60 MB each) rather than dozens; more processes than cores add no CPU, only shorter turns.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../support/child.js';
import type { Condition, FromWorker, HeardCall, Screens, ToWorker } from './messages.js';

export const SCREENS_PER_WORKER = 250;

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

type Heard = (ticketId: number, recall: number, at: number) => void;

class Worker {
  private readonly replies = new Map<number, (m: FromWorker) => void>();
  private next = 0;
  readonly exited: Promise<void>;

  constructor(
    readonly proc: ChildProcess,
    onHeard: Heard,
  ) {
    this.exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    proc.on('message', (m: FromWorker) => {
      if (m.type === 'heard') onHeard(m.ticketId, m.recall, m.at);
      else if (m.type === 'until' || m.type === 'report') {
        this.replies.get(m.id)?.(m);
        this.replies.delete(m.id);
      }
    });
  }

  send(m: ToWorker): void {
    if (this.proc.connected) this.proc.send(m);
  }

  /** Sends a request and resolves with the worker's answer; rejects if the worker exits first. */
  ask<T extends FromWorker['type']>(
    make: (id: number) => ToWorker,
    type: T,
  ): Promise<Extract<FromWorker, { type: T }>> {
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.replies.set(id, (m) => {
        if (m.type === type) resolve(m as Extract<FromWorker, { type: T }>);
      });
      void this.exited.then(() => reject(new Error(`screen worker ${this.proc.pid} exited`)));
      this.send(make(id));
    });
  }
}

export interface FleetOptions {
  url: string;
  screens: Screens;
  perWorker?: number;
  /** How long a batch of screens may take to come online. */
  timeoutMs: number;
}

export class ScreenFleet {
  private readonly heardBy = new Map<string, { workers: number; at: number }>();
  private readonly waiters = new Map<string, (at: number) => void>();
  private readonly listeners = new Set<Heard>();

  private constructor(
    private readonly workers: Worker[],
    readonly size: number,
  ) {}

  /** Forks the workers, gives each its share of the screens and resolves once every screen is online. */
  static async start(o: FleetOptions): Promise<ScreenFleet> {
    const size = o.screens.mode === 'layso' ? o.screens.specs.length : o.screens.count;
    const per = o.perWorker ?? SCREENS_PER_WORKER;
    const shares: Screens[] = [];
    for (let i = 0; i < size; i += per) {
      const n = Math.min(per, size - i);
      shares.push(
        o.screens.mode === 'layso'
          ? { mode: 'layso', specs: o.screens.specs.slice(i, i + n) }
          : { mode: 'bare', count: n },
      );
    }
    const workers: Worker[] = [];
    const fleet = new ScreenFleet(workers, size);
    for (let i = 0; i < shares.length; i++) {
      const proc = fork(WORKER, [], {
        cwd: REPO_ROOT,
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      workers.push(new Worker(proc, (t, r, at) => fleet.workerHeard(t, r, at)));
    }
    try {
      const started = await Promise.all(
        workers.map(
          (w, i) =>
            new Promise<Extract<FromWorker, { type: 'started' }>>((resolve, reject) => {
              w.proc.on('message', (m: FromWorker) => {
                if (m.type === 'started') resolve(m);
              });
              void w.exited.then(() => reject(new Error('a screen worker exited while starting')));
              w.send({
                type: 'start',
                url: o.url,
                screens: shares[i] as Screens,
                timeoutMs: o.timeoutMs,
              });
            }),
        ),
      );
      const failed = started.reduce((n, s) => n + s.failed, 0);
      if (failed) {
        const why = started.find((s) => s.failed)?.example ?? '';
        throw new Error(`${failed} of ${size} screens did not come online: ${why}`);
      }
    } catch (e) {
      await fleet.stop();
      throw e;
    }
    return fleet;
  }

  get workerCount(): number {
    return this.workers.length;
  }

  /** Hears each worker's report that all of its screens heard a call (for a tracker counting per worker). */
  onWorkerHeard(f: Heard): () => void {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  private workerHeard(ticketId: number, recall: number, at: number): void {
    for (const f of this.listeners) f(ticketId, recall, at);
    const key = `${ticketId}:${recall}`;
    const h = this.heardBy.get(key) ?? { workers: 0, at: 0 };
    h.workers += 1;
    h.at = Math.max(h.at, at);
    this.heardBy.set(key, h);
    if (h.workers === this.workers.length) this.waiters.get(key)?.(h.at);
  }

  /** When (clock.ts) the last of every screen heard this call; rejects after `ms`. */
  allHeard(ticketId: number, ms: number, recall = 0): Promise<number> {
    const key = `${ticketId}:${recall}`;
    const done = this.heardBy.get(key);
    if (done && done.workers === this.workers.length) return Promise.resolve(done.at);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(key);
        const got = this.heardBy.get(key)?.workers ?? 0;
        reject(
          new Error(
            `call ${key}: ${got} of ${this.workers.length} workers' screens all heard it in ${ms} ms`,
          ),
        );
      }, ms);
      this.waiters.set(key, (at) => {
        clearTimeout(timer);
        this.waiters.delete(key);
        resolve(at);
      });
    });
  }

  /** How many screens meet `cond` within `ms` (each worker waits on its own screens' state as it changes). */
  async until(cond: Condition, ms: number): Promise<{ ok: number; failed: number; example: string }> {
    const r = await Promise.all(
      this.workers.map((w) => w.ask((id) => ({ type: 'until', id, cond, timeoutMs: ms }), 'until')),
    );
    return {
      ok: r.reduce((n, x) => n + x.ok, 0),
      failed: r.reduce((n, x) => n + x.failed, 0),
      example: r.find((x) => x.failed)?.example ?? '',
    };
  }

  /** What every screen heard, in order, and the last payloads of a call's messages (from one screen). */
  async report(): Promise<{ screens: HeardCall[][]; last: Record<string, object> }> {
    const r = await Promise.all(this.workers.map((w) => w.ask((id) => ({ type: 'report', id }), 'report')));
    return { screens: r.flatMap((x) => x.screens), last: r[0]?.last ?? {} };
  }

  /** Stops every screen and waits for the workers to exit (a worker that does not is killed). */
  async stop(): Promise<void> {
    await Promise.all(
      this.workers.map(async (w) => {
        w.send({ type: 'stop' });
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          w.exited,
          new Promise<void>((r) => {
            timer = setTimeout(() => {
              w.proc.kill('SIGKILL');
              r();
            }, 5000);
          }),
        ]);
        clearTimeout(timer);
        await w.exited;
      }),
    );
  }
}
