import {
  ENDPOINTS,
  fillPath,
  type BodyIn,
  type EndpointDef,
  type EndpointName,
  type FinishBody,
  type IssueTicketInput,
  type KioskPrinterReport,
  type Method,
  type ReceiptInput,
  type ReplyOf,
  type RequestOf,
} from '@layso/protocol';
import { NETWORK_ERROR } from './i18n.js';

/** A refusal from the server (`{error:{code,message}}`) or a failure to reach it (`LAYSO_NETWORK`). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** The server's details, e.g. who holds a counter (`{holder}`) or which fields are wrong. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiOptions {
  /** Origin of the queue server; '' = the page's own origin. */
  baseUrl?: string;
  /** Device token or officer session, sent as `Authorization: Bearer`. */
  token?: string | null;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export type ProcedureQuery = {
  q?: string;
  serviceId?: number;
  /** Only procedures offered under no service. */
  unmapped?: boolean;
  limit?: number;
};

/** A call's input: nothing for an endpoint that takes nothing, else its params, query and body. */
type CallArgs<N extends EndpointName> =
  Partial<RequestOf<N>> extends RequestOf<N> ? [input?: RequestOf<N>] : [input: RequestOf<N>];

function queryString(q: object | undefined): string {
  if (!q) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/**
 * The typed REST client every screen uses. Each call either resolves with the server's reply or rejects with
 * an `ApiError` carrying the server's code and its Vietnamese / English message. A request is sent once:
 * nothing is queued to replay later (a kiosk must never issue a number nobody is standing at).
 */
export function createApi(options: ApiOptions = {}) {
  const base = (options.baseUrl ?? '').replace(/\/$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const doFetch = options.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));

  /**
   * One endpoint of the protocol's table, by name: its method and path come from the table, its params, query
   * and body are checked against it by type, and so is the reply (`null` for a 204).
   */
  async function call<N extends EndpointName>(name: N, ...[input]: CallArgs<N>): Promise<ReplyOf<N>> {
    const e: EndpointDef = ENDPOINTS[name];
    const req: { params?: object; query?: object; body?: unknown } = input ?? {};
    const json: unknown = await send(
      e.method,
      fillPath(e.path, req.params) + queryString(req.query),
      req.body,
    );
    return json as ReplyOf<N>;
  }

  async function send(method: Method, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        cache: 'no-store',
      });
    } catch {
      throw new ApiError('LAYSO_NETWORK', NETWORK_ERROR, 0);
    }
    if (res.status === 204) return null;
    let json: unknown = null;
    try {
      json = await res.json();
    } catch {
      // A proxy's HTML error page, or a body cut short: not our server's answer.
      throw new ApiError('LAYSO_NETWORK', NETWORK_ERROR, res.status);
    }
    if (!res.ok) {
      const err = (json as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)
        ?.error;
      throw new ApiError(
        typeof err?.code === 'string' ? err.code : 'LAYSO_INTERNAL',
        typeof err?.message === 'string' ? err.message : NETWORK_ERROR,
        res.status,
        err?.details,
      );
    }
    return json;
  }

  const id = (id: number) => ({ params: { id } });

  return {
    call,
    health: () => call('health'),
    services: () => call('services'),
    procedures: (q: ProcedureQuery) =>
      call('procedures', { query: { ...q, unmapped: q.unmapped ? 'true' : undefined } }),
    priorityGroups: () => call('priorityGroups'),
    kioskSettings: () => call('kioskSettings'),
    issueTicket: (body: IssueTicketInput) => call('issueTicket', { body }),
    printTicket: (ticketId: number) => call('printTicket', id(ticketId)),
    /** A kiosk with its own printer tells the admin what state that printer is in. */
    reportKioskPrinter: (body: KioskPrinterReport) => call('reportKioskPrinter', { body }),
    ticket: (ticketId: number) => call('ticket', id(ticketId)),

    // ---- officers at a counter ----
    login: (body: BodyIn<'login'>) => call('login', { body }),
    logout: () => call('logout'),
    me: () => call('me'),
    /** Moves the officer's session to another counter (refused with the holder's name when it is taken). */
    seat: (counterId: number) => call('seat', { body: { counterId } }),
    counters: () => call('counters'),
    counterQueue: (counterId: number) => call('counterQueue', id(counterId)),
    /** The called ticket, or null when nobody waits. */
    callNext: async (counterId: number) => (await call('callNext', id(counterId)))?.ticket ?? null,
    pause: (counterId: number, paused: boolean, reason?: string | null) =>
      call('pause', { ...id(counterId), body: { paused, reason: reason ?? null } }),
    recall: (ticketId: number) => call('recall', id(ticketId)),
    start: (ticketId: number) => call('start', id(ticketId)),
    noShow: (ticketId: number) => call('noShow', id(ticketId)),
    transfer: (ticketId: number, serviceId: number, note?: string | null) =>
      call('transfer', { ...id(ticketId), body: { serviceId, note: note ?? null } }),
    finish: (ticketId: number, body: FinishBody) => call('finish', { ...id(ticketId), body }),
    /** Prints the Mẫu 01 receipt slip of a received dossier on the counter's printer; a fault is `{printed:false}`. */
    printReceipt: (ticketId: number, body: ReceiptInput = {}) =>
      call('printReceipt', { ...id(ticketId), body }),

    // ---- lobby and counter-top screens ----
    screenSettings: () => call('screenSettings'),
  };
}

export type Api = ReturnType<typeof createApi>;
