import type { NumberedEventName, SettingsChanged, StreamBody } from '@layso/protocol';

/**
 * What a committed command tells the screens: a numbered event of the protocol's streams table, without its `seq`.
 * The realtime gateway routes each to the rooms the table names and numbers it per room.
 */
export type Outgoing<E extends NumberedEventName = NumberedEventName> = {
  [K in E]: { type: K; data: StreamBody<K> };
}[E];

export interface Committed<T> {
  value: T;
  events: Outgoing[];
}

/** Fans committed events out to the screens (the realtime gateway). */
export interface Publisher {
  publish(events: Outgoing[]): void;
  /**
   * Disconnects every socket whose token no longer admits it (logged out, expired, revoked); with 'sessions',
   * only users' sockets are looked at (after a sign-in, a sign-out or a change to a user).
   */
  sweep(only?: 'sessions'): void;
  /** Tells every screen of every namespace that the center's settings changed (outside the numbered streams). */
  settingsChanged(e: SettingsChanged): void;
}

/** Counts of what the queue published since the server started (Prometheus counters reset on restart). */
export class EventCounters {
  calls = 0;
  recalls = 0;

  observe(events: readonly Outgoing[]): void {
    for (const e of events) {
      if (e.type !== 'ticket:called') continue;
      if (e.data.recall) this.recalls += 1;
      else this.calls += 1;
    }
  }
}
