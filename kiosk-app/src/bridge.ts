/**
 * The one object the preload exposes to the renderer (`window.kiosk`, CONVENTIONS 5). Types only: the renderer,
 * the preload and main all import this file; nothing here runs. Every call answers `{ok:true,value}` or
 * `{ok:false,error}`; main validates every payload with zod before acting on it.
 */
import type { CccdCard } from './cccd/parse.js';

export type BridgeResult<T> =
  { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** What the renderer needs from the kiosk's config file (the token never leaves main except here). */
export interface RendererConfig {
  serverUrl: string;
  deviceToken: string;
  language: 'vi' | 'en';
  idleSeconds: number;
  /** true: the kiosk prints on its own USB/serial/TCP printer through main; false: the server prints. */
  localPrinter: boolean;
}

/** A printer's state in the words the kiosk uses (the same values as the server's `PrinterState`). */
export type LocalPrinterState = 'ready' | 'paper-near-end' | 'paper-out' | 'cover-open' | 'offline' | 'error';

/** What main needs to print a ticket on the local printer (no personal data). */
export interface PrintableTicket {
  number: string;
  serviceName: string;
  priorityLabel: string | null;
  ahead: number;
  estimatedWaitMinutes: number;
  issuedAt: string;
  trackingUrl: string;
  /** A ticket issued at check-in for a booking: its slot's start and the code as shown (`K7PQ-3M2D`). */
  booked?: { startsAt: string; code: string } | null;
}

/**
 * What main needs to print a feedback case's slip (issue 22): the receipt the server gave, nothing the citizen wrote,
 * no name, no phone.
 */
export interface PrintableFeedbackSlip {
  /** As shown, `XXXX-XXXX`. */
  code: string;
  receivedAt: string;
  /** `yyyy-MM-dd`, the Vietnam day. */
  answerDueDay: string;
  /** The case's page (the QR). */
  url: string;
  /** False when no phone was given: the slip says no answer can be texted. */
  answerByNotice: boolean;
}

export interface KioskBridge {
  config(): Promise<BridgeResult<RendererConfig>>;
  printerStatus(): Promise<BridgeResult<{ state: LocalPrinterState }>>;
  print(ticket: PrintableTicket): Promise<BridgeResult<{ printed: boolean; state: LocalPrinterState }>>;
  printFeedbackSlip(
    slip: PrintableFeedbackSlip,
  ): Promise<BridgeResult<{ printed: boolean; state: LocalPrinterState }>>;
  /** A CCCD read by the HID/serial scanner in main, already parsed; returns an unsubscribe function. */
  onCard(listener: (card: CccdCard) => void): () => void;
  /** The dossier code of a Mẫu 01 slip read by that scanner (QR or barcode); returns an unsubscribe function. */
  onDossierCode(listener: (code: string) => void): () => void;
  /** The code of a booking's QR read by that scanner, to check it in; returns an unsubscribe function. */
  onBookingCode(listener: (code: string) => void): () => void;
}
