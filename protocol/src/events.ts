import { z } from 'zod';
import { CounterStatus, Rating, RatingReason } from './enums.js';
import { PrinterState } from './kiosk.js';
import { Counter, Id, IsoDateTime } from './rest.js';

/**
 * Realtime payloads. Every numbered event carries `seq`, counted per stream (the room a socket follows): the
 * snapshot on connect carries the stream's current `seq`; a client that then sees anything but `seq + 1` asks
 * for a new snapshot with `snapshot:request`. Which event goes where is the table in `streams.ts`.
 */

export const TicketCalled = z.object({
  ticketId: Id,
  number: z.string(),
  counterId: Id,
  counterName: z.string(),
  /** Counter number, for the announcement "… đến quầy số 3". */
  counterNumber: z.number().int().positive(),
  serviceId: Id,
  calledAt: IsoDateTime,
  /** 0 on the first call, then 1, 2 … on recalls. */
  recall: z.number().int().nonnegative(),
  seq: z.number().int().positive(),
});
export type TicketCalled = z.infer<typeof TicketCalled>;

/** Waiting count and estimate of one service changed. */
export const QueueChanged = z.object({
  serviceId: Id,
  waiting: z.number().int().nonnegative(),
  estimatedWaitMinutes: z.number().int().nonnegative(),
  seq: z.number().int().positive(),
});
export type QueueChanged = z.infer<typeof QueueChanged>;

export const CounterChanged = z.object({
  counterId: Id,
  status: CounterStatus,
  currentTicketId: Id.nullable(),
  currentNumber: z.string().nullable(),
  officerName: z.string().nullable(),
  pauseReason: z.string().nullable(),
  seq: z.number().int().positive(),
});
export type CounterChanged = z.infer<typeof CounterChanged>;

/** A ticket left the queue without service at this moment (no-show, transfer, finish). */
export const TicketUpdated = z.object({
  ticketId: Id,
  number: z.string(),
  serviceId: Id,
  status: z.string(),
  counterId: Id.nullable(),
  seq: z.number().int().positive(),
});
export type TicketUpdated = z.infer<typeof TicketUpdated>;

/** Ask the counter-top screen for a rating of the service just finished (30 s). */
export const RatingRequest = z.object({
  ticketId: Id,
  number: z.string(),
  counterId: Id,
  seq: z.number().int().positive(),
});
export type RatingRequest = z.infer<typeof RatingRequest>;

/** A kiosk's ticket did not print: the admin sees the fault (paper out, cover open, offline…). */
export const PrinterFault = z.object({
  deviceId: Id.nullable(),
  deviceName: z.string().nullable(),
  ticketId: Id,
  code: z.string(),
  message: z.string(),
  at: IsoDateTime,
  seq: z.number().int().positive(),
});
export type PrinterFault = z.infer<typeof PrinterFault>;

/** The kiosk printer's state changed (polled by the server, and after every print). */
export const PrinterStatusChanged = z.object({
  state: PrinterState,
  checkedAt: IsoDateTime,
  seq: z.number().int().positive(),
});
export type PrinterStatusChanged = z.infer<typeof PrinterStatusChanged>;

/** A kiosk's own printer changed state (reported by the kiosk): the admin knows which kiosk needs paper. */
export const KioskPrinterChanged = z.object({
  deviceId: Id,
  deviceName: z.string(),
  state: PrinterState,
  at: IsoDateTime,
  seq: z.number().int().positive(),
});
export type KioskPrinterChanged = z.infer<typeof KioskPrinterChanged>;

export const ServiceSummary = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  waiting: z.number().int().nonnegative(),
  estimatedWaitMinutes: z.number().int().nonnegative(),
  issuing: z.boolean(),
});
export type ServiceSummary = z.infer<typeof ServiceSummary>;

/** Public state only: numbers, counters and counts — never names, phones or ID numbers. */
export const Snapshot = z.object({
  seq: z.number().int().nonnegative(),
  at: IsoDateTime,
  day: z.string(),
  services: z.array(ServiceSummary),
  counters: z.array(
    Counter.pick({
      id: true,
      number: true,
      name: true,
      serviceIds: true,
      status: true,
      officerName: true,
      pauseReason: true,
    }).extend({
      currentNumber: z.string().nullable(),
    }),
  ),
  /** Most recent calls, newest first (at most 20). */
  recentCalls: z.array(TicketCalled),
  /** The kiosk printer's last known state: on the `/kiosk` and `/admin` streams only. */
  printer: z.object({ state: PrinterState, checkedAt: IsoDateTime }).nullable().optional(),
});
export type Snapshot = z.infer<typeof Snapshot>;

/** How a request is acknowledged. */
export type AckReply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
export type Ack<T> = (reply: AckReply<T>) => void;

/**
 * The admin changed the center's settings: screens fetch theirs again (centre name, notice, announcement, …).
 * Outside the numbered stream: it carries no `seq` and a missed one is made good by the next snapshot's fetch.
 */
export const SettingsChanged = z.object({ at: IsoDateTime });
export type SettingsChanged = z.infer<typeof SettingsChanged>;

/**
 * The service day (Asia/Ho_Chi_Minh) turned: what a screen holds (its `day`, yesterday's recent calls) is
 * yesterday's, so it takes a fresh snapshot. Outside the numbered stream, like `settings:changed`. `day` is the
 * new service day, `YYYY-MM-DD`.
 */
export const DayChanged = z.object({ day: z.iso.date(), at: IsoDateTime });
export type DayChanged = z.infer<typeof DayChanged>;

/** What `rating:submit` is acknowledged with. */
export const RatingAccepted = z.object({
  ticketId: Id,
  /**
   * After "Không hài lòng" (issue 22): the feedback form's address for this ticket (`/pa?t=<code>&from=rating`), for
   * the counter-top to show as a QR; absent otherwise or when feedback is off.
   */
  feedbackUrl: z.string().optional(),
});
export type RatingAccepted = z.infer<typeof RatingAccepted>;

/**
 * Handshake: `io(url + ns, { auth: { token } })`. Each socket follows exactly one stream (a room) with its own
 * `seq`: the whole floor by default; a display may narrow to one service with `serviceId`; a counter socket
 * follows its counter.
 */
export const Handshake = z.object({
  token: z.string().min(1).max(512),
  serviceId: Id.optional(),
});
export const RatingSubmit = z
  .object({ ticketId: Id, rating: Rating, reason: RatingReason.nullable().optional() })
  .strict();
export type RatingSubmit = z.infer<typeof RatingSubmit>;
