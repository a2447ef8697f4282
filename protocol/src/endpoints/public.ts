import { z } from 'zod';
import { WHO, type EndpointDef } from './define.js';
import { citizenPage, PageCode } from './pages.js';
import { PHONE_PATHS } from './phone-paths.js';
import {
  Health,
  IsoDateTime,
  LoginBody,
  LoginReply,
  PriorityGroup,
  ProcedureHit,
  ProcedureQuery,
  PublicTicket,
  SeatBody,
  Service,
  SetupBody,
  SetupStatus,
  User,
} from '../rest.js';
const TrackCode = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/) });

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
/** Anyone on the center's network, first run and sessions. */
export const PUBLIC_ENDPOINTS = {
  // ---------- anyone on the center's network ----------
  health: {
    method: 'GET',
    path: '/api/health',
    summary:
      'The server answers, its database takes a write and its disk has room (503 with the reason if not)',
    tag: 'public',
    who: 'anyone',
    reply: { 200: Health },
    // LAYSO_DISK_FULL / LAYSO_DB_UNWRITABLE: every endpoint may answer them (implicitErrors).
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
    ...PHONE_PATHS.procedures,
    summary: 'Search the procedures (diacritics optional, or a procedure code)',
    tag: 'public',
    who: 'anyone',
    query: ProcedureQuery,
    reply: { 200: z.array(ProcedureHit) },
    errors: [],
  },
  track: {
    ...PHONE_PATHS.track,
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
  trackPage: citizenPage('/t/:code', "The page a citizen's phone opens from the ticket's QR", 'html', {
    params: PageCode,
  }),
  trackQr: citizenPage('/t/:code/qr.svg', "The ticket's QR as a picture", 'svg', {
    params: PageCode,
    errors: ['LAYSO_TICKET_NOT_FOUND'],
  }),
  ticketOnMyWay: {
    ...PHONE_PATHS.ticketOnMyWay,
    summary: 'The citizen says "I\'m on my way" from the phone page; the officer\'s console shows it',
    tag: 'public',
    who: 'anyone',
    params: TrackCode,
    reply: { 200: PublicTicket },
    errors: ['LAYSO_TICKET_NOT_FOUND', 'LAYSO_TICKET_NOT_WAITING', 'LAYSO_PHONE_ACTION_LIMIT'],
  },
  ticketLeave: {
    ...PHONE_PATHS.ticketLeave,
    summary:
      'The citizen leaves the queue from the phone page: the number is released (cancelled), never called',
    tag: 'public',
    who: 'anyone',
    params: TrackCode,
    reply: { 200: PublicTicket },
    errors: ['LAYSO_TICKET_NOT_FOUND', 'LAYSO_TICKET_NOT_WAITING', 'LAYSO_PHONE_ACTION_LIMIT'],
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
} as const satisfies Record<string, EndpointDef>;
