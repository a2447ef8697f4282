import { createApi, RealtimeClient, takeDeviceToken, type Api, type Language } from '@layso/ui-kit';
import { formatBookingCode, type FeedbackReceipt, type Ticket } from '@layso/protocol';
import type { KioskBridge, PrintableTicket } from '../bridge.js';

declare global {
  interface Window {
    /** Present only inside the Electron shell (preload's contextBridge). */
    kiosk?: KioskBridge;
  }
}

export interface KioskEnv {
  api: Api;
  realtime: RealtimeClient<'/kiosk'>;
  language: Language;
  /** Seconds of no touch before returning to welcome; null = the center's setting. */
  idleSeconds: number | null;
  /** Set when the kiosk prints on its own printer (Electron); otherwise the server prints. */
  local: KioskBridge | null;
}

/**
 * Where the kiosk's token and printer come from: inside Electron, the shell's validated config; in a plain
 * browser, the token from the address's fragment (kept in localStorage) and the server prints.
 */
export async function loadEnv(): Promise<KioskEnv | null> {
  const bridge = window.kiosk ?? null;
  const params = new URLSearchParams(window.location.search);
  let token: string | null;
  let language: Language = params.get('lang') === 'en' ? 'en' : 'vi';
  let idleSeconds: number | null = null;
  let local: KioskBridge | null = null;
  if (bridge) {
    const c = await bridge.config();
    if (!c.ok) return null;
    token = c.value.deviceToken;
    language = c.value.language;
    idleSeconds = c.value.idleSeconds;
    local = c.value.localPrinter ? bridge : null;
  } else {
    token = takeDeviceToken('kiosk');
  }
  if (!token) return null;
  return {
    api: createApi({ token }),
    realtime: new RealtimeClient({ url: '', namespace: '/kiosk', token }),
    language,
    idleSeconds,
    local,
  };
}

export type { PrintableTicket };

/** Prints on the kiosk's own printer (Electron) or asks the server to; never throws. */
export async function printTicket(
  env: KioskEnv,
  ticket: Ticket,
  priorityLabel: string | null,
): Promise<boolean> {
  try {
    if (env.local) {
      const r = await env.local.print({
        number: ticket.number,
        serviceName: ticket.serviceName,
        priorityLabel,
        ahead: ticket.ahead,
        estimatedWaitMinutes: ticket.estimatedWaitMinutes,
        issuedAt: ticket.issuedAt,
        trackingUrl: ticket.trackingUrl,
        booked: ticket.booked
          ? { startsAt: ticket.booked.startsAt, code: formatBookingCode(ticket.booked.code) }
          : null,
      });
      return r.ok && r.value.printed;
    }
    return (await env.api.printTicket(ticket.id)).printed;
  } catch {
    return false;
  }
}

/**
 * Prints a feedback case's slip (issue 22) on the kiosk's own printer (Electron) or asks the server to print it on
 * the kiosk's printer; never throws. Only the receipt's public face goes: the code, dates and page.
 */
export async function printFeedbackSlip(env: KioskEnv, receipt: FeedbackReceipt): Promise<boolean> {
  try {
    if (env.local) {
      const r = await env.local.printFeedbackSlip({
        code: receipt.code,
        receivedAt: receipt.receivedAt,
        answerDueDay: receipt.answerDueDay,
        url: receipt.url,
        answerByNotice: receipt.answerByNotice,
      });
      return r.ok && r.value.printed;
    }
    return (await env.api.call('kioskFeedbackPrint', { params: { code: receipt.code } })).printed;
  } catch {
    return false;
  }
}

/** A print that waits for the one asked for before it (one paper at a time; prints never reject). */
export function printInTurn(
  queue: { current: Promise<boolean> },
  print: () => Promise<boolean>,
): Promise<boolean> {
  const job = queue.current.then(print);
  queue.current = job;
  return job;
}
