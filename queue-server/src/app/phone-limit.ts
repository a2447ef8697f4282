import { fail } from '../errors.js';
import type { Clock } from '../domain/types.js';
import { AttemptLimiter, type Window } from './lookup-limit.js';

/**
 * The phone page's actions ("on my way", "leave the queue", notices on and off): anyone holding a QR may act, so
 * one ticket's actions are limited per address (PHONE_ACTIONS_PER_TICKET: a page tapped over and over, a script
 * adding push endpoints) and an address's all (PHONE_ACTIONS_PER_SOURCE, set high: a hall's phones often share the
 * guest Wi-Fi's one address; a script holding many codes is still stopped). Every action counts, done or refused;
 * beyond either the answer is 429 until the window ends.
 */
export class PhoneActionLimit {
  private readonly limiter: AttemptLimiter;

  constructor(
    clock: Clock,
    private readonly perSource: Window,
    private readonly perTicket: Window,
  ) {
    this.limiter = new AttemptLimiter(clock);
  }

  /** Counts one action on ticket `code` from `address`, or refuses it (LAYSO_PHONE_ACTION_LIMIT). */
  take(address: string, code: string): void {
    const ticket = this.limiter.take(`ip:${address}|${code}`, this.perTicket);
    const source = this.limiter.take(`ip:${address}`, this.perSource);
    if (!ticket || !source) fail('LAYSO_PHONE_ACTION_LIMIT');
  }
}
