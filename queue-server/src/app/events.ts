import type {
  CounterChanged,
  KioskPrinterChanged,
  PrinterFault,
  PrinterStatusChanged,
  QueueChanged,
  SettingsChanged,
  TicketCalled,
  TicketUpdated,
} from '@layso/protocol';

type NoSeq<T> = Omit<T, 'seq'>;

/** What a committed command tells the screens; the realtime gateway routes each to rooms and numbers it. */
export type Outgoing =
  | { type: 'ticket:called'; data: NoSeq<TicketCalled> }
  | { type: 'queue:changed'; data: NoSeq<QueueChanged> }
  | { type: 'counter:changed'; data: NoSeq<CounterChanged> }
  | { type: 'ticket:updated'; data: NoSeq<TicketUpdated> }
  | { type: 'rating:request'; data: { ticketId: number; number: string; counterId: number } }
  | { type: 'printer:fault'; data: NoSeq<PrinterFault> }
  | { type: 'printer:status'; data: NoSeq<PrinterStatusChanged> }
  | { type: 'kiosk:printer'; data: NoSeq<KioskPrinterChanged> };

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
