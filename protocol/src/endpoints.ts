import { z } from 'zod';
import {
  AdminDevice,
  AdminUser,
  CenterSettings,
  CenterSettingsReply,
  DevicePairing,
  PasswordReset,
  UserUpdate,
} from './admin.js';
import type { DeviceKind, Role } from './enums.js';
import type { ErrorCode } from './errors.js';
import { KioskPrinterReport, KioskSettings } from './kiosk.js';
import { ReportQuery, ReportReply } from './reports.js';
import {
  AuditEntry,
  AuditQuery,
  BackupReply,
  CallNextReply,
  CatalogueImportBody,
  CatalogueImportReport,
  Counter,
  CounterInput,
  CounterQueue,
  DeviceInput,
  FinishBody,
  Health,
  IdParam,
  IsoDateTime,
  IssueTicketBody,
  LoginBody,
  LoginReply,
  OutboxItem,
  OutboxQuery,
  OutboxReply,
  OutboxRetryAllReply,
  PauseBody,
  PrintReply,
  PriorityGroup,
  PriorityGroupsInput,
  Procedure,
  ProcedureHit,
  ProcedureQuery,
  ProcedureUpdate,
  PublicTicket,
  ReceiptBody,
  SeatBody,
  Service,
  ServiceInput,
  SetupBody,
  SetupStatus,
  Ticket,
  TransferBody,
  User,
  UserInput,
} from './rest.js';
import { ScreenSettings } from './screens.js';
import { SimulationJob, SimulationRequest, SimulationSetup } from './simulation.js';

/**
 * The REST half of the contract: one entry per endpoint — method, path, what it takes, what it answers, who may
 * call it and the errors of its own it can answer. The server registers every route from this table with its
 * guard, ui-kit's client is typed by the entry's name, the fuzz test walks it and the OpenAPI document is made
 * from it. Adding an endpoint is one entry here plus its handler on the server.
 */

/** Who may call: anyone, the monitoring scraper (localhost or METRICS_TOKEN), or these roles and device kinds. */
export type Access =
  'anyone' | 'monitoring' | { readonly roles: readonly Role[]; readonly devices: readonly DeviceKind[] };

const allow = <R extends readonly Role[], D extends readonly DeviceKind[]>(roles: R, devices: D) => ({
  roles,
  devices,
});
const STAFF = ['officer', 'supervisor', 'admin'] as const;

/** The access rules the endpoints use, named once. */
export const WHO = {
  kiosk: allow([], ['kiosk'] as const),
  staff: allow(STAFF, []),
  staffOrKiosk: allow(STAFF, ['kiosk'] as const),
  screens: allow(STAFF, ['display', 'counter'] as const),
  supervisors: allow(['supervisor', 'admin'] as const, []),
  admins: allow(['admin'] as const, []),
} satisfies Record<string, Access>;

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type SuccessStatus = 200 | 201 | 202 | 204;

export interface EndpointDef {
  readonly method: Method;
  /** Fastify's form: `/api/tickets/:id`. */
  readonly path: `/${string}`;
  readonly summary: string;
  /** OpenAPI grouping. */
  readonly tag: 'public' | 'kiosk' | 'counter' | 'display' | 'auth' | 'setup' | 'admin' | 'reports';
  readonly who: Access;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** Success replies by status; `204` answers `null`. */
  readonly reply: { readonly [S in SuccessStatus]?: z.ZodType };
  /** The reply's media type when it is not JSON (a page, a picture, Prometheus text). */
  readonly produces?: string;
  /** The errors of its own it may answer, beyond those every endpoint of its kind can (see `implicitErrors`). */
  readonly errors: readonly ErrorCode[];
  /** Bytes, when the default (1 MiB) is too small. */
  readonly bodyLimit?: number;
  /** Left out of the OpenAPI document (citizen pages, metrics). */
  readonly hidden?: boolean;
}

const TrackCode = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/) });
/** Pages answer any code with a page a citizen can read, so their param is checked by the handler. */
const PageCode = z.object({ code: z.string().max(64) });
const NoContent = z.null();
const TICKET_ACTION = [
  'LAYSO_TICKET_NOT_FOUND',
  'LAYSO_INVALID_TRANSITION',
  'LAYSO_WRONG_COUNTER',
] as const satisfies readonly ErrorCode[];

/** What `GET /api/version` answers: which build runs, on which database schema, for how long. */
export const Version = z.object({
  version: z.string(),
  /** Git commit of the build; "source" when the server runs from TypeScript. */
  commit: z.string(),
  builtAt: IsoDateTime.nullable(),
  compiled: z.boolean(),
  /** The database's migration level (`PRAGMA user_version`). */
  schemaVersion: z.number().int().nonnegative(),
  node: z.string(),
  startedAt: IsoDateTime,
  uptimeSeconds: z.number().int().nonnegative(),
});
export type Version = z.infer<typeof Version>;

export const ENDPOINTS = {
  // ---------- anyone on the center's network ----------
  health: {
    method: 'GET',
    path: '/api/health',
    summary: 'The server answers',
    tag: 'public',
    who: 'anyone',
    reply: { 200: Health },
    errors: [],
  },
  version: {
    method: 'GET',
    path: '/api/version',
    summary: 'Which build runs: version, commit, database schema, uptime',
    tag: 'public',
    who: 'anyone',
    reply: { 200: Version },
    errors: [],
  },
  services: {
    method: 'GET',
    path: '/api/services',
    summary: "What a kiosk offers: the center's active services with their live figures",
    tag: 'public',
    who: 'anyone',
    reply: { 200: z.array(Service) },
    errors: [],
  },
  procedures: {
    method: 'GET',
    path: '/api/procedures',
    summary: 'Search the procedures (diacritics optional, or a procedure code)',
    tag: 'public',
    who: 'anyone',
    query: ProcedureQuery,
    reply: { 200: z.array(ProcedureHit) },
    errors: [],
  },
  track: {
    method: 'GET',
    path: '/api/track/:code',
    summary: "A ticket's public status by its tracking code (no personal data)",
    tag: 'public',
    who: 'anyone',
    params: TrackCode,
    reply: { 200: PublicTicket },
    errors: ['LAYSO_TICKET_NOT_FOUND'],
  },
  priorityGroups: {
    method: 'GET',
    path: '/api/priority-groups',
    summary: 'The priority groups a kiosk offers, in order',
    tag: 'public',
    who: 'anyone',
    reply: { 200: z.array(PriorityGroup) },
    errors: [],
  },
  trackPage: {
    method: 'GET',
    path: '/t/:code',
    summary: "The page a citizen's phone opens from the ticket's QR",
    tag: 'public',
    who: 'anyone',
    params: PageCode,
    reply: { 200: z.string() },
    produces: 'text/html; charset=utf-8',
    errors: [],
    hidden: true,
  },
  trackQr: {
    method: 'GET',
    path: '/t/:code/qr.svg',
    summary: "The ticket's QR as a picture",
    tag: 'public',
    who: 'anyone',
    params: PageCode,
    reply: { 200: z.string() },
    produces: 'image/svg+xml',
    errors: ['LAYSO_TICKET_NOT_FOUND'],
    hidden: true,
  },
  metrics: {
    method: 'GET',
    path: '/metrics',
    summary: 'Prometheus text: the outbox, the province and the queue',
    tag: 'public',
    who: 'monitoring',
    reply: { 200: z.string() },
    produces: 'text/plain; version=0.0.4; charset=utf-8',
    errors: [],
    hidden: true,
  },

  // ---------- first run ----------
  setupStatus: {
    method: 'GET',
    path: '/api/setup',
    summary: 'Whether the first admin still has to be created',
    tag: 'setup',
    who: 'anyone',
    reply: { 200: SetupStatus },
    errors: [],
  },
  setup: {
    method: 'POST',
    path: '/api/setup',
    summary: 'Create the first admin with the one-time code printed on the console',
    tag: 'setup',
    who: 'anyone',
    body: SetupBody,
    reply: { 201: User },
    errors: ['LAYSO_SETUP_DONE', 'LAYSO_SETUP_CODE', 'LAYSO_RATE_LIMITED', 'LAYSO_CONFLICT'],
  },

  // ---------- sessions ----------
  login: {
    method: 'POST',
    path: '/api/auth/login',
    summary: 'Sign in (officers at a counter, supervisors, admins)',
    tag: 'auth',
    who: 'anyone',
    body: LoginBody,
    reply: { 200: LoginReply },
    errors: [
      'LAYSO_BAD_CREDENTIALS',
      'LAYSO_USER_DISABLED',
      'LAYSO_RATE_LIMITED',
      'LAYSO_COUNTER_NOT_FOUND',
      'LAYSO_COUNTER_TAKEN',
      'LAYSO_FORBIDDEN',
    ],
  },
  seat: {
    method: 'POST',
    path: '/api/auth/seat',
    summary: "Move the session to a counter (refused with the holder's name when it is taken)",
    tag: 'auth',
    who: WHO.staff,
    body: SeatBody,
    reply: { 200: User },
    errors: ['LAYSO_COUNTER_NOT_FOUND', 'LAYSO_COUNTER_TAKEN', 'LAYSO_COUNTER_BUSY'],
  },
  logout: {
    method: 'POST',
    path: '/api/auth/logout',
    summary: 'End this session; the counter it held closes',
    tag: 'auth',
    who: WHO.staff,
    reply: { 200: z.object({ ok: z.literal(true) }) },
    errors: [],
  },
  me: {
    method: 'GET',
    path: '/api/auth/me',
    summary: 'The signed-in user and the counter of this session',
    tag: 'auth',
    who: WHO.staff,
    reply: { 200: User },
    errors: [],
  },

  // ---------- the kiosk ----------
  kioskSettings: {
    method: 'GET',
    path: '/api/kiosk/settings',
    summary: "What a kiosk needs besides the services: the center's name, retention, printer state",
    tag: 'kiosk',
    who: WHO.kiosk,
    reply: { 200: KioskSettings },
    errors: [],
  },
  issueTicket: {
    method: 'POST',
    path: '/api/tickets',
    summary: 'Take a number',
    tag: 'kiosk',
    who: WHO.kiosk,
    body: IssueTicketBody,
    reply: { 201: Ticket },
    errors: [
      'LAYSO_SERVICE_NOT_FOUND',
      'LAYSO_SERVICE_CLOSED',
      'LAYSO_DAILY_CAP_REACHED',
      'LAYSO_PRIORITY_UNKNOWN',
      'LAYSO_PROCEDURE_NOT_FOUND',
      'LAYSO_PROCEDURE_SERVICE_MISMATCH',
    ],
  },
  printTicket: {
    method: 'POST',
    path: '/api/tickets/:id/print',
    summary: "Print (or reprint) the kiosk's own ticket of today while it waits",
    tag: 'kiosk',
    who: WHO.kiosk,
    params: IdParam,
    reply: { 200: PrintReply },
    errors: ['LAYSO_TICKET_NOT_FOUND', 'LAYSO_INVALID_TRANSITION'],
  },
  reportKioskPrinter: {
    method: 'POST',
    path: '/api/kiosk/printer',
    summary: "A kiosk with its own printer tells the admin that printer's state",
    tag: 'kiosk',
    who: WHO.kiosk,
    body: KioskPrinterReport,
    reply: { 204: NoContent },
    errors: [],
  },
  ticket: {
    method: 'GET',
    path: '/api/tickets/:id',
    summary: 'One ticket',
    tag: 'counter',
    who: WHO.staffOrKiosk,
    params: IdParam,
    reply: { 200: Ticket },
    errors: ['LAYSO_TICKET_NOT_FOUND'],
  },

  // ---------- at a counter ----------
  counters: {
    method: 'GET',
    path: '/api/counters',
    summary: "The center's counters",
    tag: 'counter',
    who: WHO.staff,
    reply: { 200: z.array(Counter) },
    errors: [],
  },
  counterQueue: {
    method: 'GET',
    path: '/api/counters/:id/queue',
    summary: 'Who waits for a counter, and its current ticket',
    tag: 'counter',
    who: WHO.staff,
    params: IdParam,
    reply: { 200: CounterQueue },
    errors: ['LAYSO_COUNTER_NOT_FOUND'],
  },
  callNext: {
    method: 'POST',
    path: '/api/counters/:id/call-next',
    summary: 'Call the next ticket to this counter; 204 when nobody waits',
    tag: 'counter',
    who: WHO.staff,
    params: IdParam,
    reply: { 200: CallNextReply, 204: NoContent },
    errors: ['LAYSO_WRONG_COUNTER', 'LAYSO_COUNTER_NOT_FOUND', 'LAYSO_COUNTER_BUSY', 'LAYSO_COUNTER_PAUSED'],
  },
  pause: {
    method: 'POST',
    path: '/api/counters/:id/pause',
    summary: 'Pause or resume a counter',
    tag: 'counter',
    who: WHO.staff,
    params: IdParam,
    body: PauseBody,
    reply: { 200: Counter },
    errors: ['LAYSO_WRONG_COUNTER', 'LAYSO_COUNTER_NOT_FOUND', 'LAYSO_COUNTER_BUSY'],
  },
  recall: {
    method: 'POST',
    path: '/api/tickets/:id/recall',
    summary: 'Call the current ticket again',
    tag: 'counter',
    who: WHO.staff,
    params: IdParam,
    reply: { 200: Ticket },
    errors: [...TICKET_ACTION, 'LAYSO_RECALL_LIMIT'],
  },
  start: {
    method: 'POST',
    path: '/api/tickets/:id/start',
    summary: 'The called citizen is at the counter: service starts',
    tag: 'counter',
    who: WHO.staff,
    params: IdParam,
    reply: { 200: Ticket },
    errors: TICKET_ACTION,
  },
  noShow: {
    method: 'POST',
    path: '/api/tickets/:id/no-show',
    summary: 'The called citizen did not come',
    tag: 'counter',
    who: WHO.staff,
    params: IdParam,
    reply: { 200: Ticket },
    errors: TICKET_ACTION,
  },
  transfer: {
    method: 'POST',
    path: '/api/tickets/:id/transfer',
    summary: 'Send the ticket to another service; it keeps its place by issue time',
    tag: 'counter',
    who: WHO.staff,
    params: IdParam,
    body: TransferBody,
    reply: { 200: Ticket },
    errors: [...TICKET_ACTION, 'LAYSO_SERVICE_NOT_FOUND', 'LAYSO_TRANSFER_SAME_SERVICE'],
  },
  finish: {
    method: 'POST',
    path: '/api/tickets/:id/finish',
    summary: 'Finish the service with its outcome; a received or returned dossier goes to the province',
    tag: 'counter',
    who: WHO.staff,
    params: IdParam,
    body: FinishBody,
    reply: { 200: Ticket },
    errors: [
      ...TICKET_ACTION,
      'LAYSO_DOSSIER_REQUIRED',
      'LAYSO_DOSSIER_CODE_INVALID',
      'LAYSO_PROCEDURE_NOT_FOUND',
      'LAYSO_CONFLICT',
    ],
  },
  printReceipt: {
    method: 'POST',
    path: '/api/tickets/:id/receipt',
    summary: 'Print the Mẫu 01 receipt-and-appointment slip of a received dossier at the counter',
    tag: 'counter',
    who: WHO.staff,
    params: IdParam,
    body: ReceiptBody,
    reply: { 200: PrintReply },
    errors: [
      'LAYSO_TICKET_NOT_FOUND',
      'LAYSO_WRONG_COUNTER',
      'LAYSO_RECEIPT_NOT_RECEIVED',
      'LAYSO_RECEIPT_NEEDS_APPOINTMENT',
    ],
  },

  // ---------- lobby and counter-top screens ----------
  screenSettings: {
    method: 'GET',
    path: '/api/screens/settings',
    summary: 'What displays need besides the queue: wording, voice, notice',
    tag: 'display',
    who: WHO.screens,
    reply: { 200: ScreenSettings },
    errors: [],
  },

  // ---------- the center's configuration ----------
  adminServices: {
    method: 'GET',
    path: '/api/admin/services',
    summary: 'Every service, active or not',
    tag: 'admin',
    who: WHO.supervisors,
    reply: { 200: z.array(Service) },
    errors: [],
  },
  addService: {
    method: 'POST',
    path: '/api/admin/services',
    summary: 'Add a service',
    tag: 'admin',
    who: WHO.admins,
    body: ServiceInput,
    reply: { 201: Service },
    errors: ['LAYSO_CONFLICT'],
  },
  updateService: {
    method: 'PUT',
    path: '/api/admin/services/:id',
    summary: 'Change a service',
    tag: 'admin',
    who: WHO.admins,
    params: IdParam,
    body: ServiceInput,
    reply: { 200: Service },
    errors: ['LAYSO_SERVICE_NOT_FOUND', 'LAYSO_CONFLICT'],
  },
  addCounter: {
    method: 'POST',
    path: '/api/admin/counters',
    summary: 'Add a counter',
    tag: 'admin',
    who: WHO.admins,
    body: CounterInput,
    reply: { 201: Counter },
    errors: ['LAYSO_SERVICE_NOT_FOUND', 'LAYSO_CONFLICT'],
  },
  updateCounter: {
    method: 'PUT',
    path: '/api/admin/counters/:id',
    summary: 'Change a counter: number, name, services in order of preference',
    tag: 'admin',
    who: WHO.admins,
    params: IdParam,
    body: CounterInput,
    reply: { 200: Counter },
    errors: ['LAYSO_COUNTER_NOT_FOUND', 'LAYSO_SERVICE_NOT_FOUND', 'LAYSO_CONFLICT'],
  },
  setPriorityGroups: {
    method: 'PUT',
    path: '/api/admin/priority-groups',
    summary: 'The whole list of priority groups, in kiosk order',
    tag: 'admin',
    who: WHO.admins,
    body: PriorityGroupsInput,
    reply: { 200: z.array(PriorityGroup) },
    errors: [],
  },
  importCatalogue: {
    method: 'POST',
    path: '/api/admin/catalogue/import',
    summary: 'Import the procedure catalogue (CSV or JSON), or preview the import',
    tag: 'admin',
    who: WHO.admins,
    body: CatalogueImportBody,
    reply: { 200: CatalogueImportReport },
    errors: ['LAYSO_IMPORT_INVALID'],
    bodyLimit: 25 * 1024 * 1024,
  },
  setProcedureService: {
    method: 'PUT',
    path: '/api/admin/procedures/:id',
    summary: 'Offer a procedure under another service (null: none)',
    tag: 'admin',
    who: WHO.admins,
    params: IdParam,
    body: ProcedureUpdate,
    reply: { 200: Procedure },
    errors: ['LAYSO_PROCEDURE_NOT_FOUND', 'LAYSO_SERVICE_NOT_FOUND'],
  },
  backup: {
    method: 'POST',
    path: '/api/admin/backup',
    summary: 'Back the database up now',
    tag: 'admin',
    who: WHO.admins,
    reply: { 200: BackupReply },
    errors: [],
  },
  users: {
    method: 'GET',
    path: '/api/admin/users',
    summary: "The center's accounts",
    tag: 'admin',
    who: WHO.supervisors,
    reply: { 200: z.array(AdminUser) },
    errors: [],
  },
  addUser: {
    method: 'POST',
    path: '/api/admin/users',
    summary: 'Add an account',
    tag: 'admin',
    who: WHO.admins,
    body: UserInput,
    reply: { 201: AdminUser },
    errors: ['LAYSO_CONFLICT', 'LAYSO_COUNTER_NOT_FOUND'],
  },
  updateUser: {
    method: 'PUT',
    path: '/api/admin/users/:id',
    summary:
      'Change an account: name, role, usual counter, enabled; a role change or disabling ends its sessions',
    tag: 'admin',
    who: WHO.admins,
    params: IdParam,
    body: UserUpdate,
    reply: { 200: AdminUser },
    errors: ['LAYSO_USER_NOT_FOUND', 'LAYSO_COUNTER_NOT_FOUND', 'LAYSO_CONFLICT'],
  },
  resetPassword: {
    method: 'POST',
    path: '/api/admin/users/:id/password',
    summary: "Set a new password for an account; its sessions end (an admin's own: all but this one)",
    tag: 'admin',
    who: WHO.admins,
    params: IdParam,
    body: PasswordReset,
    reply: { 200: AdminUser },
    errors: ['LAYSO_USER_NOT_FOUND'],
  },
  devices: {
    method: 'GET',
    path: '/api/admin/devices',
    summary: 'Kiosks, displays and counter-top screens, with who is connected',
    tag: 'admin',
    who: WHO.supervisors,
    reply: { 200: z.array(AdminDevice) },
    errors: [],
  },
  addDevice: {
    method: 'POST',
    path: '/api/admin/devices',
    summary: 'Pair a device: a link and a QR carrying its token, shown once',
    tag: 'admin',
    who: WHO.admins,
    body: DeviceInput,
    reply: { 201: DevicePairing },
    errors: [],
  },
  revokeDevice: {
    method: 'DELETE',
    path: '/api/admin/devices/:id',
    summary: 'Revoke a device: its screens drop at once',
    tag: 'admin',
    who: WHO.admins,
    params: IdParam,
    reply: { 200: AdminDevice },
    errors: ['LAYSO_DEVICE_NOT_FOUND'],
  },
  settings: {
    method: 'GET',
    path: '/api/admin/settings',
    summary: "The center's settings: the environment's defaults overlaid by the admin's saved values",
    tag: 'admin',
    who: WHO.supervisors,
    reply: { 200: CenterSettingsReply },
    errors: [],
  },
  saveSettings: {
    method: 'PUT',
    path: '/api/admin/settings',
    summary: "Change the center's settings; they hold at once and every screen is told",
    tag: 'admin',
    who: WHO.admins,
    body: CenterSettings,
    reply: { 200: CenterSettingsReply },
    errors: [],
  },
  audit: {
    method: 'GET',
    path: '/api/admin/audit',
    summary: 'The audit log, newest first',
    tag: 'admin',
    who: WHO.supervisors,
    query: AuditQuery,
    reply: { 200: z.array(AuditEntry) },
    errors: [],
  },
  outbox: {
    method: 'GET',
    path: '/api/admin/outbox',
    summary: "The provincial outbox: counts, the oldest waiting record, the province's health, records",
    tag: 'admin',
    who: WHO.supervisors,
    query: OutboxQuery,
    reply: { 200: OutboxReply },
    errors: [],
  },
  retryOutbox: {
    method: 'POST',
    path: '/api/admin/outbox/:id/retry',
    summary: 'Send a dead letter again',
    tag: 'admin',
    who: WHO.admins,
    params: IdParam,
    reply: { 200: OutboxItem },
    errors: ['LAYSO_OUTBOX_NOT_FOUND', 'LAYSO_OUTBOX_NOT_DEAD'],
  },
  retryDeadOutbox: {
    method: 'POST',
    path: '/api/admin/outbox/retry-dead',
    summary: 'Send every dead letter again',
    tag: 'admin',
    who: WHO.admins,
    reply: { 200: OutboxRetryAllReply },
    errors: [],
  },
  simulationSetup: {
    method: 'GET',
    path: '/api/admin/simulation',
    summary: "What a what-if starts from: today's counters, services and the data source",
    tag: 'admin',
    who: WHO.supervisors,
    reply: { 200: SimulationSetup },
    errors: ['LAYSO_SIM_NO_MODEL'],
  },
  startSimulation: {
    method: 'POST',
    path: '/api/admin/simulations',
    summary: "Run a what-if (today's counters against plan B) as a job",
    tag: 'admin',
    who: WHO.supervisors,
    body: SimulationRequest,
    reply: { 202: SimulationJob },
    errors: ['LAYSO_SIM_BUSY', 'LAYSO_SIM_NO_MODEL', 'LAYSO_SIM_PLAN_INVALID'],
  },
  simulation: {
    method: 'GET',
    path: '/api/admin/simulations/:id',
    summary: 'A what-if job: its progress, then its result',
    tag: 'admin',
    who: WHO.supervisors,
    params: z.object({ id: z.string().uuid() }),
    reply: { 200: SimulationJob },
    errors: ['LAYSO_SIM_NOT_FOUND'],
  },
  report: {
    method: 'GET',
    path: '/api/reports',
    summary: 'The report over a range of Vietnam days: JSON, or a CSV or XLSX file',
    tag: 'reports',
    who: WHO.supervisors,
    query: ReportQuery,
    reply: { 200: ReportReply },
    errors: ['LAYSO_REPORT_RANGE_INVALID'],
  },
} as const satisfies Record<string, EndpointDef>;

export type Endpoints = typeof ENDPOINTS;
export type EndpointName = keyof Endpoints;

export const isEndpointName = (s: string): s is EndpointName => Object.hasOwn(ENDPOINTS, s);
/** Every endpoint's name, in table order. */
export const ENDPOINT_NAMES: readonly EndpointName[] = Object.keys(ENDPOINTS).filter(isEndpointName);

type Get<T, K extends PropertyKey> = T extends { readonly [P in K]: infer V } ? V : undefined;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type In<S> = S extends z.ZodType ? z.input<S> : undefined;

/** What the server's handler sees (after validation) and what a client sends (before it). */
export type ParamsOf<N extends EndpointName> = Out<Get<Endpoints[N], 'params'>>;
export type QueryOf<N extends EndpointName> = Out<Get<Endpoints[N], 'query'>>;
export type BodyOf<N extends EndpointName> = Out<Get<Endpoints[N], 'body'>>;
export type ParamsIn<N extends EndpointName> = In<Get<Endpoints[N], 'params'>>;
export type QueryIn<N extends EndpointName> = In<Get<Endpoints[N], 'query'>>;
export type BodyIn<N extends EndpointName> = In<Get<Endpoints[N], 'body'>>;

type Replies<N extends EndpointName> = Endpoints[N]['reply'];
/** What the handler returns: any success reply's body (`null` for a 204). */
export type ReplyIn<N extends EndpointName> = {
  [S in keyof Replies<N>]: In<Replies<N>[S]>;
}[keyof Replies<N>];
/** What a client receives on success. */
export type ReplyOf<N extends EndpointName> = {
  [S in keyof Replies<N>]: Out<Replies<N>[S]>;
}[keyof Replies<N>];

/** A client's request: the parts this endpoint takes, and only those. */
export type RequestOf<N extends EndpointName> = (ParamsIn<N> extends undefined
  ? { params?: never }
  : { params: ParamsIn<N> }) &
  (QueryIn<N> extends undefined ? { query?: never } : { query?: QueryIn<N> }) &
  (BodyIn<N> extends undefined ? { body?: never } : { body: BodyIn<N> });

/** The errors any endpoint of this shape can answer besides its own: its guard, its input, routing, a bug. */
export function implicitErrors(e: EndpointDef): ErrorCode[] {
  // A malformed request (bad encoding, a wrong length) is refused before any endpoint's own rules.
  const codes: ErrorCode[] = ['LAYSO_NOT_FOUND', 'LAYSO_VALIDATION', 'LAYSO_INTERNAL'];
  if (e.who !== 'anyone') codes.push('LAYSO_UNAUTHENTICATED', 'LAYSO_FORBIDDEN');
  // A body is read for every method but GET, even where the endpoint takes none.
  if (e.method !== 'GET') codes.push('LAYSO_BAD_JSON', 'LAYSO_UNSUPPORTED_MEDIA', 'LAYSO_BODY_TOO_LARGE');
  return codes;
}

/** Every error an endpoint can answer. */
export const errorsOf = (e: EndpointDef): ErrorCode[] => [...new Set([...implicitErrors(e), ...e.errors])];

/** The path with its params put in (`/api/tickets/:id` + `{id: 3}` → `/api/tickets/3`). */
export function fillPath(path: string, params: object | undefined): string {
  const values = new Map(Object.entries(params ?? {}));
  return path.replace(/:([A-Za-z]+)/g, (_, k: string) => {
    const v: unknown = values.get(k);
    if (v === undefined || v === null) throw new Error(`${path}: missing param ${k}`);
    return encodeURIComponent(String(v));
  });
}
