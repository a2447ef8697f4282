import type { Clock } from '../domain/types.js';
import { serviceDay } from '../domain/time.js';
import type { Store } from './store.js';

/**
 * Drops personal intake older than the retention period, hourly. Day boundaries are Vietnam days: with 30 days,
 * on 2026-12-31 tickets of 2026-12-01 and before lose their name, phone and ID number.
 */
export class IntakeRetention {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** The retention period; a function is asked at each run (the admin may change it at run time). */
    private readonly days: number | (() => number),
  ) {}

  /** Purges now; returns how many tickets lost their intake. */
  run(): number {
    const days = typeof this.days === 'function' ? this.days() : this.days;
    const cutoff = serviceDay(new Date(this.clock.now().getTime() - (days - 1) * 86_400_000));
    return this.store.tickets.purgeIntake(cutoff);
  }

  start(onError: (e: unknown) => void): void {
    const tick = () => {
      try {
        this.run();
      } catch (e) {
        onError(e);
      }
    };
    this.timer = setInterval(tick, 3_600_000);
    this.timer.unref();
    tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
