/**
 * The server's background jobs in one place: `createServer` adds them, `listen()` starts them, `close()` stops them
 * (in reverse order, each one's run under way awaited), so nothing keeps running after a close.
 */
export interface Job {
  readonly name: string;
  start(): void;
  /** Stops the job's timer; resolves when a run under way has ended. */
  stop(): void | Promise<unknown>;
}

export class Jobs {
  private readonly jobs: Job[] = [];
  private readonly started = new Set<string>();

  add(job: Job): void {
    if (this.jobs.some((j) => j.name === job.name)) throw new Error(`job ${job.name} added twice`);
    this.jobs.push(job);
  }

  start(): void {
    for (const job of this.jobs) {
      if (this.started.has(job.name)) continue;
      job.start();
      this.started.add(job.name);
    }
  }

  /** Stops every started job, the last started first; every job is stopped even when one fails (thrown after). */
  async stop(): Promise<void> {
    const errors: unknown[] = [];
    for (const job of [...this.jobs].reverse()) {
      if (!this.started.has(job.name)) continue;
      this.started.delete(job.name);
      try {
        await job.stop();
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, 'background jobs failed to stop');
  }

  /** The jobs that run now, by name, in start order. */
  running(): string[] {
    return this.jobs.filter((j) => this.started.has(j.name)).map((j) => j.name);
  }
}

/** A job that calls `tick` every `ms` (not holding the process open), and at start unless `atStart` is false. */
export function every(name: string, ms: number, tick: () => void, atStart = true): Job {
  let timer: NodeJS.Timeout | undefined;
  return {
    name,
    start() {
      timer = setInterval(tick, ms);
      timer.unref();
      if (atStart) tick();
    },
    stop() {
      clearInterval(timer);
    },
  };
}

/** A job that runs at start and then every hour; a failed run goes to `onError` and the next hour tries again. */
export function hourly(name: string, run: () => void, onError: (e: unknown) => void): Job {
  return every(name, 3_600_000, () => {
    try {
      run();
    } catch (e) {
      onError(e);
    }
  });
}
