import type {
  CallNextReply,
  Counter,
  CounterQueue,
  FinishBody,
  Health,
  IssueTicketInput,
  KioskPrinterReport,
  KioskSettings,
  LoginReply,
  PrintReply,
  PriorityGroup,
  ProcedureHit,
  ReceiptInput,
  ScreenSettings,
  Service,
  Ticket,
  User,
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

/**
 * The typed REST client every screen uses. Each call either resolves with the server's reply or rejects with
 * an `ApiError` carrying the server's code and its Vietnamese / English message. A request is sent once:
 * nothing is queued to replay later (a kiosk must never issue a number nobody is standing at).
 */
export function createApi(options: ApiOptions = {}) {
  const base = (options.baseUrl ?? '').replace(/\/$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const doFetch = options.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));

  async function request<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<T> {
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
    if (res.status === 204) return null as T;
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
    return json as T;
  }

  const query = (q: Record<string, string | number | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
    const s = p.toString();
    return s ? `?${s}` : '';
  };

  return {
    request,
    health: () => request<Health>('GET', '/api/health'),
    services: () => request<Service[]>('GET', '/api/services'),
    procedures: (q: ProcedureQuery) =>
      request<ProcedureHit[]>(
        'GET',
        `/api/procedures${query({ ...q, unmapped: q.unmapped ? 'true' : undefined })}`,
      ),
    priorityGroups: () => request<PriorityGroup[]>('GET', '/api/priority-groups'),
    kioskSettings: () => request<KioskSettings>('GET', '/api/kiosk/settings'),
    issueTicket: (body: IssueTicketInput) => request<Ticket>('POST', '/api/tickets', body),
    printTicket: (id: number) => request<PrintReply>('POST', `/api/tickets/${id}/print`),
    /** A kiosk with its own printer tells the admin what state that printer is in. */
    reportKioskPrinter: (body: KioskPrinterReport) => request<null>('POST', '/api/kiosk/printer', body),
    ticket: (id: number) => request<Ticket>('GET', `/api/tickets/${id}`),

    // ---- officers at a counter ----
    login: (body: { username: string; password: string; counterId?: number | null }) =>
      request<LoginReply>('POST', '/api/auth/login', body),
    logout: () => request<{ ok: true }>('POST', '/api/auth/logout', {}),
    me: () => request<User>('GET', '/api/auth/me'),
    /** Moves the officer's session to another counter (refused with the holder's name when it is taken). */
    seat: (counterId: number) => request<User>('POST', '/api/auth/seat', { counterId }),
    counters: () => request<Counter[]>('GET', '/api/counters'),
    counterQueue: (counterId: number) => request<CounterQueue>('GET', `/api/counters/${counterId}/queue`),
    /** The called ticket, or null when nobody waits. */
    callNext: async (counterId: number) =>
      (await request<CallNextReply | null>('POST', `/api/counters/${counterId}/call-next`))?.ticket ?? null,
    pause: (counterId: number, paused: boolean, reason?: string | null) =>
      request<Counter>('POST', `/api/counters/${counterId}/pause`, { paused, reason: reason ?? null }),
    recall: (id: number) => request<Ticket>('POST', `/api/tickets/${id}/recall`),
    start: (id: number) => request<Ticket>('POST', `/api/tickets/${id}/start`),
    noShow: (id: number) => request<Ticket>('POST', `/api/tickets/${id}/no-show`),
    transfer: (id: number, serviceId: number, note?: string | null) =>
      request<Ticket>('POST', `/api/tickets/${id}/transfer`, { serviceId, note: note ?? null }),
    finish: (id: number, body: FinishBody) => request<Ticket>('POST', `/api/tickets/${id}/finish`, body),
    /** Prints the Mẫu 01 receipt slip of a received dossier on the counter's printer; a fault is `{printed:false}`. */
    printReceipt: (id: number, body: ReceiptInput = {}) =>
      request<PrintReply>('POST', `/api/tickets/${id}/receipt`, body),

    // ---- lobby and counter-top screens ----
    screenSettings: () => request<ScreenSettings>('GET', '/api/screens/settings'),
  };
}

export type Api = ReturnType<typeof createApi>;
