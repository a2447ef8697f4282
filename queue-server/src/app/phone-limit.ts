import { fail } from '../errors.js';
import type { Clock } from '../domain/types.js';
import { AttemptLimiter, type Window } from './lookup-limit.js';

/**
 * The phone page's actions ("on my way", "leave the queue", notices off) per source address: anyone holding a QR
 * may act, so a script holding many codes must not cancel a hall's tickets or flood the officers' consoles. Every
 * action counts, done or refused; beyond PHONE_ACTIONS_PER_SOURCE the address is answered 429 until the window ends.
 */
export class PhoneActionLimit {
  private readonly limiter: AttemptLimiter;

  constructor(
    clock: Clock,
    private readonly window: Window,
  ) {
    this.limiter = new AttemptLimiter(clock);
  }

  /** Counts one action from `address`, or refuses it (LAYSO_PHONE_ACTION_LIMIT). */
  take(address: string): void {
    if (!this.limiter.take(`ip:${address}`, this.window)) fail('LAYSO_PHONE_ACTION_LIMIT');
  }
}
