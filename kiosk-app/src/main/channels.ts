/**
 * IPC channel names shared by main and the preload (the preload bundles this file; it imports nothing).
 * One channel per bridge call (bridge.ts), all under `kiosk:` so nothing else can collide with them.
 */
export const CHANNELS = {
  /** invoke, no arguments → BridgeResult<RendererConfig> */
  config: 'kiosk:config',
  /** invoke, no arguments → BridgeResult<{state}> */
  printerStatus: 'kiosk:printer-status',
  /** invoke, one PrintableTicket → BridgeResult<{printed, state}> */
  print: 'kiosk:print',
  /** invoke, one PrintableFeedbackSlip → BridgeResult<{printed, state}> */
  printFeedbackSlip: 'kiosk:print-feedback-slip',
  /** main → renderer, one parsed CccdCard per scan */
  card: 'kiosk:card',
  /** main → renderer, one dossier code per slip scanned (its QR or barcode) */
  dossierCode: 'kiosk:dossier-code',
  /** main → renderer, one booking code per booking QR scanned (`…/b/<code>`) */
  bookingCode: 'kiosk:booking-code',
} as const;

export type InvokeChannel = (typeof CHANNELS)['config' | 'printerStatus' | 'print' | 'printFeedbackSlip'];
