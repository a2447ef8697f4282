// The preload (sandboxed, bundled to CommonJS): exposes `window.kiosk` and nothing else (CONVENTIONS 5).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { BridgeResult, KioskBridge } from '../bridge.js';
import type { CccdCard } from '../cccd/parse.js';
import { CHANNELS, type InvokeChannel } from '../main/channels.js';

/** Main answers every call with a BridgeResult; this covers main not answering at all (no handler yet). */
function invoke<T>(channel: InvokeChannel, ...args: unknown[]): Promise<BridgeResult<T>> {
  return (ipcRenderer.invoke(channel, ...args) as Promise<BridgeResult<T>>).catch(() => ({
    ok: false as const,
    error: { code: 'LAYSO_INTERNAL', message: 'Lỗi hệ thống, vui lòng báo quản trị viên / Internal error' },
  }));
}

const api = {
  config: () => invoke(CHANNELS.config),
  printerStatus: () => invoke(CHANNELS.printerStatus),
  print: (ticket) => invoke(CHANNELS.print, ticket),
  printFeedbackSlip: (slip) => invoke(CHANNELS.printFeedbackSlip, slip),
  onCard: (listener) => {
    // The page gets the card only, never the IPC event (it would expose ipcRenderer's sender).
    const handler = (_event: IpcRendererEvent, card: CccdCard): void => listener(card);
    ipcRenderer.on(CHANNELS.card, handler);
    return () => {
      ipcRenderer.removeListener(CHANNELS.card, handler);
    };
  },
  onDossierCode: (listener) => {
    const handler = (_event: IpcRendererEvent, code: unknown): void => {
      if (typeof code === 'string') listener(code);
    };
    ipcRenderer.on(CHANNELS.dossierCode, handler);
    return () => {
      ipcRenderer.removeListener(CHANNELS.dossierCode, handler);
    };
  },
  onBookingCode: (listener) => {
    const handler = (_event: IpcRendererEvent, code: unknown): void => {
      if (typeof code === 'string') listener(code);
    };
    ipcRenderer.on(CHANNELS.bookingCode, handler);
    return () => {
      ipcRenderer.removeListener(CHANNELS.bookingCode, handler);
    };
  },
} satisfies KioskBridge;

contextBridge.exposeInMainWorld('kiosk', api);
