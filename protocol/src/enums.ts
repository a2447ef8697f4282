import { z } from 'zod';

/** Life of a ticket: waiting → called → serving → done | no-show | transferred. */
/** `cancelled`: the citizen left the queue from the phone page before being called (never called after). */
export const TicketStatus = z.enum([
  'waiting',
  'called',
  'serving',
  'done',
  'no-show',
  'transferred',
  'cancelled',
]);
export type TicketStatus = z.infer<typeof TicketStatus>;

/** How an officer ends a service (DESIGN.md contract, finish). */
export const FinishOutcome = z.enum(['received', 'returned', 'guidance']);
export type FinishOutcome = z.infer<typeof FinishOutcome>;

/** `reception`: tiếp nhận phản ánh — keeps the feedback register (issue 22) and nothing else. */
export const Role = z.enum(['admin', 'supervisor', 'officer', 'reception']);
export type Role = z.infer<typeof Role>;

/** Devices hold long-lived tokens; a kiosk issues tickets, a display and a counter-top screen only listen. */
export const DeviceKind = z.enum(['kiosk', 'display', 'counter']);
export type DeviceKind = z.infer<typeof DeviceKind>;

export const CounterStatus = z.enum(['open', 'paused', 'closed']);
export type CounterStatus = z.infer<typeof CounterStatus>;

/** Satisfaction levels used by the provinces: Rất hài lòng / Hài lòng / Không hài lòng. */
export const Rating = z.enum(['very-satisfied', 'satisfied', 'unsatisfied']);
export type Rating = z.infer<typeof Rating>;

/** Why a citizen was not satisfied: picked on the counter-top screen, counted in reports. */
export const RatingReason = z.enum([
  'long-wait',
  'attitude',
  'unclear-guidance',
  'complex-procedure',
  'other',
]);
export type RatingReason = z.infer<typeof RatingReason>;
