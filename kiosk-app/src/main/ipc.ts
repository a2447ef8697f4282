import { errorMessage, type ErrorCode } from '@layso/protocol';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { z } from 'zod';
import type {
  BridgeResult,
  LocalPrinterState,
  PrintableFeedbackSlip,
  PrintableTicket,
  RendererConfig,
} from '../bridge.js';
import { CHANNELS } from './channels.js';
import type { KioskConfig } from './config.js';
import type { LocalPrinter, PrintOutcome } from './printing.js';
import { isServerUrl } from './security.js';

/**
 * The handlers behind the bridge (bridge.ts). Each one answers only the kiosk window's top frame on the
 * server's origin, validates its arguments with zod, and resolves `{ok:true,value}` or `{ok:false,error}` —
 * it never throws, so the renderer never sees a rejected promise from main.
 */

/** What the page may ask main to print: the ticket's public face only, no personal data (unknown keys refused). */
export const PrintableTicketSchema = z.strictObject({
  number: z.string().regex(/^[\p{L}\p{N}-]{1,12}$/u),
  serviceName: z.string().trim().min(1).max(200),
  priorityLabel: z.string().trim().min(1).max(100).nullable(),
  ahead: z.number().int().min(0).max(100_000),
  estimatedWaitMinutes: z.number().int().min(0).max(100_000),
  issuedAt: z.iso.datetime({ offset: true }),
  trackingUrl: z.url({ protocol: /^https?$/ }).max(2048),
  booked: z
    .strictObject({
      startsAt: z.iso.datetime({ offset: true }),
      code: z.string().regex(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/),
    })
    .nullable()
    .optional(),
}) satisfies z.ZodType<PrintableTicket>;

/** A feedback case's slip: the receipt's public face (code, dates, page), no text of the case (unknown keys refused). */
export const PrintableFeedbackSlipSchema = z.strictObject({
  code: z.string().regex(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/),
  receivedAt: z.iso.datetime({ offset: true }),
  answerDueDay: z.iso.date(),
  url: z.url({ protocol: /^https?$/ }).max(2048),
  answerByNotice: z.boolean(),
}) satisfies z.ZodType<PrintableFeedbackSlip>;

const NoArgs = z.tuple([]);
const PrintArgs = z.tuple([PrintableTicketSchema]);
const PrintSlipArgs = z.tuple([PrintableFeedbackSlipSchema]);

type Failure = Extract<BridgeResult<never>, { ok: false }>;

export const PRINTER_NOT_LOCAL = {
  code: 'LAYSO_PRINTER_NOT_LOCAL',
  message:
    'Kiosk này không có máy in riêng, máy chủ in phiếu / This kiosk has no local printer; the server prints',
} as const;

function fail(code: ErrorCode): Failure {
  return { ok: false, error: { code, message: errorMessage(code) } };
}

export interface IpcDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  /** The kiosk window's web contents: the only sender that gets answers. */
  webContents: () => WebContents | null;
  config: KioskConfig;
  /** null when the server prints (config printer.kind = 'server'). */
  printer: LocalPrinter | null;
  log?: (message: string) => void;
}

/** What the page gets from the config: no printer URL, no scanner ids, nothing it does not use. */
export function rendererConfig(c: KioskConfig): RendererConfig {
  return {
    serverUrl: c.serverUrl,
    deviceToken: c.deviceToken,
    language: c.language,
    idleSeconds: c.idleSeconds,
    localPrinter: c.printer.kind === 'local',
  };
}

/** The kiosk app on the server's origin (`/kiosk`, `/kiosk/…`), the only page the bridge answers. */
export function isKioskPage(url: string, serverOrigin: string): boolean {
  if (!isServerUrl(url, serverOrigin)) return false;
  const path = new URL(url).pathname;
  return path === '/kiosk' || path.startsWith('/kiosk/');
}

/** Registers the bridge's handlers; returns a function that removes them. */
export function registerIpc(deps: IpcDeps): () => void {
  const log = deps.log ?? ((m: string) => console.warn(`[kiosk] ${m}`));

  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const wc = deps.webContents();
    if (!wc || wc.isDestroyed() || event.sender.id !== wc.id) return false;
    const frame = event.senderFrame;
    // Only the kiosk app itself: not the tracking page or the API documents, though they share the origin.
    return frame !== null && frame.parent === null && isKioskPage(frame.url, deps.config.serverOrigin);
  };

  const handle = <A extends unknown[], T>(
    channel: string,
    args: z.ZodType<A>,
    run: (...a: A) => BridgeResult<T> | Promise<BridgeResult<T>>,
  ): void => {
    deps.ipcMain.handle(channel, async (event, ...raw: unknown[]): Promise<BridgeResult<T>> => {
      if (!trusted(event)) {
        log(`IPC ${channel} refused: not the kiosk page`);
        return fail('LAYSO_FORBIDDEN');
      }
      const parsed = args.safeParse(raw);
      if (!parsed.success) return fail('LAYSO_VALIDATION');
      try {
        return await run(...parsed.data);
      } catch (e) {
        log(`IPC ${channel} failed: ${(e as Error)?.message ?? String(e)}`);
        return fail('LAYSO_INTERNAL');
      }
    });
  };

  handle(CHANNELS.config, NoArgs, () => ({ ok: true, value: rendererConfig(deps.config) }));

  handle(CHANNELS.printerStatus, NoArgs, async (): Promise<BridgeResult<{ state: LocalPrinterState }>> =>
    deps.printer ? { ok: true, value: await deps.printer.status() } : { ok: false, error: PRINTER_NOT_LOCAL },
  );

  handle(CHANNELS.print, PrintArgs, async (ticket): Promise<BridgeResult<PrintOutcome>> =>
    deps.printer
      ? { ok: true, value: await deps.printer.print(ticket) }
      : { ok: false, error: PRINTER_NOT_LOCAL },
  );

  handle(CHANNELS.printFeedbackSlip, PrintSlipArgs, async (slip): Promise<BridgeResult<PrintOutcome>> =>
    deps.printer
      ? { ok: true, value: await deps.printer.printFeedbackSlip(slip) }
      : { ok: false, error: PRINTER_NOT_LOCAL },
  );

  return () => {
    deps.ipcMain.removeHandler(CHANNELS.printFeedbackSlip);
    deps.ipcMain.removeHandler(CHANNELS.config);
    deps.ipcMain.removeHandler(CHANNELS.printerStatus);
    deps.ipcMain.removeHandler(CHANNELS.print);
  };
}
