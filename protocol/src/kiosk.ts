import { z } from 'zod';
import { IsoDateTime } from './rest.js';

// ---------- kiosks and their printers ----------

/**
 * A kiosk printer's state as the kiosk and the admin see it. `paper-near-end` still prints (the admin is
 * warned, the citizen is not bothered); `paper-out`, `cover-open`, `offline` and `error` print nothing.
 */
export const PrinterState = z.enum([
  'ready',
  'paper-near-end',
  'paper-out',
  'cover-open',
  'offline',
  'error',
  'not-configured',
]);
export type PrinterState = z.infer<typeof PrinterState>;
export const PrinterStatus = z.object({ state: PrinterState, checkedAt: IsoDateTime });
export type PrinterStatus = z.infer<typeof PrinterStatus>;

/** What a kiosk does while its printer cannot print: show numbers on screen only, or issue none. */
export const PrinterFaultMode = z.enum(['screen', 'stop']);
export type PrinterFaultMode = z.infer<typeof PrinterFaultMode>;

/** The center's settings a kiosk needs before the first citizen arrives. */
export const KioskSettings = z.object({
  centerName: z.string(),
  /** Days personal intake is kept (told to the citizen before consent). */
  intakeRetentionDays: z.number().int().positive(),
  printerFaultMode: PrinterFaultMode,
  /** Zalo ZNS or SMS is on: the intake offers "Nhận tin nhắn thông báo / Get text notices" (issue 19). */
  textNotices: z.boolean(),
  /** Seconds without a touch before the kiosk returns to its welcome screen (privacy). */
  idleSeconds: z.number().int().positive(),
  printer: PrinterStatus,
  /**
   * Where results are collected (the admin's `returnsServiceId`): a citizen whose lookup was refused for too many
   * wrong tries is offered a number there; null = the service list.
   */
  returnsServiceId: z.number().int().positive().nullable(),
});
export type KioskSettings = z.infer<typeof KioskSettings>;

/**
 * A kiosk that prints on its own printer (Electron: USB, serial or network) reports that printer's state when
 * it changes, so the admin hears of paper out at that kiosk too. The server's own printer is reported by the
 * server itself.
 */
export const KioskPrinterReport = z.object({ state: PrinterState.exclude(['not-configured']) }).strict();
export type KioskPrinterReport = z.infer<typeof KioskPrinterReport>;
