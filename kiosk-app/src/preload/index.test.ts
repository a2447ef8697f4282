import type { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it, vi, type Mock } from 'vitest';
import type { KioskBridge, PrintableTicket } from '../bridge.js';
import { CHANNELS } from '../main/channels.js';

const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  return {
    exposed,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    /** Set by the electron mock below: an EventEmitter with a mocked invoke. */
    ipcRenderer: null as unknown as EventEmitter & { invoke: Mock },
  };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const ipcRenderer = Object.assign(new Emitter(), { invoke: vi.fn(async () => ({ ok: true, value: 'x' })) });
  electron.ipcRenderer = ipcRenderer;
  return { contextBridge: electron.contextBridge, ipcRenderer };
});

let kiosk: KioskBridge;
beforeAll(async () => {
  await import('./index.js');
  kiosk = electron.exposed.get('kiosk') as KioskBridge;
});

const TICKET: PrintableTicket = {
  number: '1005',
  serviceName: 'Sở Tư pháp',
  priorityLabel: null,
  ahead: 0,
  estimatedWaitMinutes: 0,
  issuedAt: '2026-11-27T08:15:00+07:00',
  trackingUrl: 'http://127.0.0.1:8080/t/x',
};

describe('preload', () => {
  it('exposes one object, window.kiosk, with the bridge calls and nothing else', () => {
    expect([...electron.exposed.keys()]).toEqual(['kiosk']);
    expect(Object.keys(kiosk).sort()).toEqual([
      'config',
      'onBookingCode',
      'onCard',
      'onDossierCode',
      'print',
      'printFeedbackSlip',
      'printerStatus',
    ]);
  });

  it('forwards each call to its channel', async () => {
    const invoke = electron.ipcRenderer.invoke;
    await kiosk.config();
    await kiosk.printerStatus();
    await kiosk.print(TICKET);
    const slip = {
      code: 'K7PQ-3M2D',
      receivedAt: '2026-11-27T08:15:00+07:00',
      answerDueDay: '2026-12-11',
      url: 'http://127.0.0.1:8080/pa/K7PQ3M2D',
      answerByNotice: false,
    };
    await kiosk.printFeedbackSlip(slip);
    expect(invoke.mock.calls).toEqual([
      [CHANNELS.config],
      [CHANNELS.printerStatus],
      [CHANNELS.print, TICKET],
      [CHANNELS.printFeedbackSlip, slip],
    ]);
  });

  it('resolves an error result when main does not answer', async () => {
    electron.ipcRenderer.invoke.mockRejectedValueOnce(new Error("No handler registered for 'kiosk:config'"));
    expect(await kiosk.config()).toEqual({
      ok: false,
      error: { code: 'LAYSO_INTERNAL', message: expect.stringContaining(' / ') },
    });
  });

  it('hands the page the card only, and unsubscribes', () => {
    const ipc = electron.ipcRenderer;
    const cards: unknown[] = [];
    const off = kiosk.onCard((card) => cards.push(card));
    const card = { idNumber: '086190001234' };
    ipc.emit(CHANNELS.card, { sender: 'ipc event' }, card);
    expect(cards).toEqual([card]);
    off();
    ipc.emit(CHANNELS.card, {}, card);
    expect(cards).toHaveLength(1);
    expect(ipc.listenerCount(CHANNELS.card)).toBe(0);
  });

  it('hands the page a scanned dossier code as a string only, and unsubscribes', () => {
    const ipc = electron.ipcRenderer;
    const codes: string[] = [];
    const off = kiosk.onDossierCode((code) => codes.push(code));
    ipc.emit(CHANNELS.dossierCode, { sender: 'ipc event' }, '000.00.12.H62-201105-0004');
    ipc.emit(CHANNELS.dossierCode, {}, { not: 'a code' });
    expect(codes).toEqual(['000.00.12.H62-201105-0004']);
    off();
    expect(ipc.listenerCount(CHANNELS.dossierCode)).toBe(0);
  });

  it('hands the page a scanned booking code as a string only, and unsubscribes', () => {
    const ipc = electron.ipcRenderer;
    const codes: string[] = [];
    const off = kiosk.onBookingCode((code) => codes.push(code));
    ipc.emit(CHANNELS.bookingCode, { sender: 'ipc event' }, 'K7PQ3M2D');
    ipc.emit(CHANNELS.bookingCode, {}, 42);
    expect(codes).toEqual(['K7PQ3M2D']);
    off();
    expect(ipc.listenerCount(CHANNELS.bookingCode)).toBe(0);
  });
});
