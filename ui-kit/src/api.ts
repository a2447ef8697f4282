import {
  ENDPOINTS,
  fillPath,
  type BodyIn,
  type EndpointDef,
  type EndpointName,
  type FinishBody,
  type IssueTicketInput,
  type KioskPrinterReport,
  type ReceiptInput,
  type ReplyOf,
} from '@layso/protocol';
import { createSend, queryString, type ApiOptions, type CallArgs } from './rest.js';

export { ApiError, type ApiOptions } from './rest.js';

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
  const send = createSend(options);

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
