/**
 * Fuzz test (issue 2, item 9): every route of the HTTP API, fed malformed bodies, params and tokens.
 *
 * For every request: never a 5xx (but 503 for storage's refusal under an injected fault); every error is
 * `{"error":{"code":"LAYSO_…","message":…}}` with a 4xx status;
 * a rejected request writes nothing (SQLite's total_changes() on the connection the server uses does not move).
 * After each group: a fingerprint of every row of every table equals the one taken after setup.
 *
 * The server is the demo center in-process (startHarness: real SQLite file, real HTTP on 127.0.0.1, port 0),
 * with a hand-moved clock so sessions can be made to expire. Setup (before the fingerprint) signs in an admin,
 * a supervisor and two officers, registers a counter-top device and a kiosk it then revokes, and puts three
 * tickets at officer A's counter: t1 done, t2 called (current), t3 waiting.
 */
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_BOOKING_SETTINGS,
  DEFAULT_FEEDBACK_SETTINGS,
  ENDPOINT_NAMES,
  ENDPOINTS,
  ERRORS,
  errorsOf,
  type Access,
  type DeviceKind,
  type EndpointDef,
  type EndpointName,
  type ErrorCode,
  type Role,
  IdParam,
} from '@layso/protocol';
import { ManualClock, startHarness, type Harness } from '@layso/queue-server';
import { login } from '@layso/queue-server/testing';
import { fingerprint, totalChanges, type Fingerprint } from './support/fingerprint.js';
import { closeRawSockets, rawRequest, type RawReply, type RawRequest } from './support/http.js';

// ---------------------------------------------------------------- setup

const clock = new ManualClock(new Date());
let h: Harness;
let baseline: Fingerprint;

type Who =
  'kiosk' | 'display' | 'counterDevice' | 'revokedKiosk' | 'admin' | 'supervisor' | 'officerA' | 'officerB';
const WHO: Who[] = [
  'kiosk',
  'display',
  'counterDevice',
  'revokedKiosk',
  'admin',
  'supervisor',
  'officerA',
  'officerB',
];
const SESSIONS: Who[] = ['admin', 'supervisor', 'officerA', 'officerB'];
const tokens = {} as Record<Who, string>;

/** Ids from setup. */
const ids = {
  counterA: 0,
  counterB: 0,
  serviceA: 0,
  serviceOther: 0,
  t1: 0,
  t2: 0,
  t3: 0,
  revokedDevice: 0,
  foreignProcedure: 0,
  /** A service open for booking (the demo's Tư pháp), and a booking of it made in setup for tomorrow. */
  bookable: 0,
};
const booking = { code: 'K7PQ3M2D', day: '' };
/** A feedback case received in setup (a phone given, so its proof is '5678'). */
const feedbackCase = { code: 'FB7Q3M2D', id: 0 };
let usernames: string[] = [];

/** Runs of each property, per route where the group goes route by route. */
const RUNS = { tokens: 40, bodies: 100, params: 60, query: 200, domain: 400, login: 60, routing: 200 };

/** Requests sent and statuses seen per group, and body kinds sent, for the summary. */
const sent: Record<string, Record<number, number>> = {};
const kinds = new Map<string, number>();
let group = '';

const NONEXISTENT_MIN = 1_000_000;

/** The principal behind each kind of caller, to read the table's access rules. */
const PRINCIPAL: Record<Who, { role?: Role; device?: DeviceKind }> = {
  kiosk: { device: 'kiosk' },
  display: { device: 'display' },
  counterDevice: { device: 'counter' },
  revokedKiosk: {},
  admin: { role: 'admin' },
  supervisor: { role: 'supervisor' },
  officerA: { role: 'officer' },
  officerB: { role: 'officer' },
};

/** Who the table admits; from this machine the monitoring scraper is anyone. */
function admitted(who: Access): Who[] {
  if (who === 'anyone' || who === 'monitoring') return WHO;
  return WHO.filter((w) => {
    const p = PRINCIPAL[w];
    return (
      (p.role !== undefined && who.roles.includes(p.role)) ||
      (p.device !== undefined && who.devices.includes(p.device))
    );
  });
}

interface Schema {
  safeParse(v: unknown): { success: boolean };
}

/**
 * What the fuzzer needs of an endpoint that its table entry cannot say. Keyed by every endpoint of the protocol's
 * table: an endpoint added there without an entry here does not compile, so no route escapes the fuzzing.
 */
interface Fixture {
  /** The param that makes the route reach its handler (an existing ticket, counter, …). */
  param?: () => string;
  /** A query string that passes (with its `?`); a function when it depends on setup (ids, today). */
  query?: string | (() => string);
  /** A body that passes the schema (with the right principal the request would succeed or hit a domain rule). */
  valid?: () => Record<string, unknown>;
  /** Who may call it for real in the body and param groups. */
  actor?: Who;
  /** Whether a successful call writes. */
  writes: boolean;
}

interface Route extends Omit<Fixture, 'query'> {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The path with its param filled in. */
  path: (param: string) => string;
  /** Anyone may call it (no token needed). */
  public: boolean;
  /** Who the table admits. */
  allowed: Who[];
  /** The body schema, when the route has one. */
  schema?: Schema;
}

const serviceBody = () => ({
  code: 'MOI-01',
  name: 'Lĩnh vực mới',
  numberFormat: { prefix: 'M', digits: 3 },
  dailyCap: 100,
  hours: { '1': [{ open: '07:00', close: '17:00' }] },
});

const tracking = () => h.store.tickets.byId(ids.t3)?.trackingCode ?? 'missing';
const supervisorId = () => String(h.store.accounts.userByName('giam.sat')?.id ?? 0);
const READ = { writes: false } as const;

const FIXTURES: Record<EndpointName, Fixture> = {
  health: READ,
  version: READ,
  services: READ,
  procedures: { query: '?q=ho%20tich', writes: false },
  track: { param: tracking, writes: false },
  priorityGroups: READ,
  trackPage: { param: tracking, writes: false },
  trackQr: { param: tracking, writes: false },
  // The booking pages and QRs (issue 21) look nothing up: a code of the right shape is enough.
  bookingStartPage: READ,
  bookingPoster: READ,
  bookingStartQr: READ,
  bookingPage: { param: () => 'K7PQ3M2D', writes: false },
  bookingQr: { param: () => 'K7PQ3M2D', writes: false },
  // The feedback pages and the form's QR (issue 22): a case's page looks nothing up either (its app does).
  feedbackFormPage: READ,
  feedbackPoster: READ,
  feedbackFormQr: { query: () => `?t=${tracking()}&from=rating`, writes: false },
  feedbackPage: { param: () => 'K7PQ3M2D', writes: false },
  // "On my way" is a hint kept in memory (no row written); leaving cancels the ticket.
  ticketOnMyWay: { param: tracking, writes: false },
  ticketLeave: { param: tracking, writes: true },
  metrics: READ,
  setupStatus: READ,
  // The demo center has its admin: a setup body that passes the schema is refused (403), and writes nothing.
  setup: {
    valid: () => ({
      code: 'AAAA-BBBB-CCCC',
      username: 'quantri.moi',
      displayName: 'Quản trị mới',
      password: 'mat-khau-dai-du-10',
    }),
    writes: true,
  },
  login: { valid: () => ({ username: 'admin', password: 'not-the-password' }), writes: true },
  seat: { valid: () => ({ counterId: ids.counterA }), actor: 'officerA', writes: true },
  logout: { actor: 'officerB', writes: true },
  me: READ,
  kioskSettings: READ,
  issueTicket: { valid: () => ({ serviceId: ids.serviceA }), actor: 'kiosk', writes: true },
  printTicket: { param: () => String(ids.t3), actor: 'kiosk', writes: false },
  reportKioskPrinter: { valid: () => ({ state: 'paper-out' }), actor: 'kiosk', writes: false },
  ticket: { param: () => String(ids.t2), actor: 'kiosk', writes: false },
  counters: READ,
  counterQueue: { param: () => String(ids.counterA), actor: 'officerA', writes: false },
  callNext: { param: () => String(ids.counterA), actor: 'officerA', writes: true },
  pause: {
    param: () => String(ids.counterA),
    valid: () => ({ paused: true }),
    actor: 'officerA',
    writes: true,
  },
  recall: { param: () => String(ids.t2), actor: 'officerA', writes: true },
  start: { param: () => String(ids.t2), actor: 'officerA', writes: true },
  noShow: { param: () => String(ids.t2), actor: 'officerA', writes: true },
  transfer: {
    param: () => String(ids.t2),
    valid: () => ({ serviceId: ids.serviceOther }),
    actor: 'officerA',
    writes: true,
  },
  finish: {
    param: () => String(ids.t2),
    valid: () => ({ outcome: 'received', dossier: { code: '000.00.01.H61-250101-0001' } }),
    actor: 'officerA',
    writes: true,
  },
  printReceipt: {
    param: () => String(ids.t1),
    valid: () => ({ documents: ['Tờ khai'] }),
    actor: 'officerA',
    writes: false,
  },
  screenSettings: READ,
  adminServices: READ,
  addService: { valid: serviceBody, actor: 'admin', writes: true },
  updateService: {
    param: () => String(ids.serviceOther),
    valid: serviceBody,
    actor: 'admin',
    writes: true,
  },
  addCounter: {
    valid: () => ({ number: 90, name: 'Quầy mới', serviceIds: [ids.serviceA] }),
    actor: 'admin',
    writes: true,
  },
  updateCounter: {
    param: () => String(ids.counterB),
    valid: () => ({ number: 91, name: 'Quầy đổi tên', serviceIds: [ids.serviceOther] }),
    actor: 'admin',
    writes: true,
  },
  setPriorityGroups: {
    valid: () =>
      [{ code: 'moi', name: 'Nhóm mới', nameEn: 'New group' }] as unknown as Record<string, unknown>,
    actor: 'admin',
    writes: true,
  },
  importCatalogue: {
    valid: () => ({ format: 'csv', content: 'code,name\n1.999999,Thủ tục thử nghiệm\n' }),
    actor: 'admin',
    writes: true,
  },
  setProcedureService: {
    param: () => String(ids.foreignProcedure),
    valid: () => ({ serviceId: ids.serviceA }),
    actor: 'admin',
    writes: true,
  },
  provinceCatalogue: READ,
  // Not joined to a hub here: answered 409 LAYSO_HUB_NOT_JOINED, nothing written.
  pullProvinceCatalogue: { actor: 'admin', writes: false },
  backup: { actor: 'admin', writes: true },
  users: READ,
  addUser: {
    valid: () => ({
      username: 'can.bo.moi',
      displayName: 'Cán bộ mới',
      password: 'mat-khau-du-dai',
      role: 'officer',
    }),
    actor: 'admin',
    writes: true,
  },
  updateUser: {
    param: supervisorId,
    valid: () => ({ displayName: 'Giám sát (đổi tên)', role: 'supervisor', counterId: null, active: true }),
    actor: 'admin',
    writes: true,
  },
  resetPassword: {
    param: supervisorId,
    valid: () => ({ password: 'mat-khau-moi-du-dai' }),
    actor: 'admin',
    writes: true,
  },
  devices: READ,
  addDevice: { valid: () => ({ kind: 'kiosk', name: 'Ki-ốt tầng 2' }), actor: 'admin', writes: true },
  revokeDevice: { param: () => String(ids.revokedDevice), actor: 'admin', writes: true },
  settings: READ,
  saveSettings: {
    valid: () => ({
      centerName: 'Trung tâm thử nghiệm',
      agencyId: '000.00.12.H62',
      announce: {
        template: 'Mời số {number} đến quầy {counter}',
        reading: 'whole',
        dialect: 'north',
        repeat: 0,
      },
      notice: 'Thông báo thử',
      intakeRetentionDays: 60,
      maxPriorityInRow: 3,
      ratingSeconds: 20,
      printerFaultMode: 'stop',
    }),
    actor: 'admin',
    writes: true,
  },
  audit: { query: '?limit=10', writes: false },
  outbox: { query: '?filter=all&limit=10', writes: false },
  retryOutbox: { param: () => '1', actor: 'admin', writes: true },
  retryDeadOutbox: { actor: 'admin', writes: true },
  simulationSetup: READ,
  // A what-if runs in memory: even a run that starts writes nothing to the database.
  startSimulation: {
    valid: () => ({ weekday: 1, replications: 2, add: [{ services: ['TP'], count: 1 }] }),
    actor: 'admin',
    writes: false,
  },
  simulation: { param: () => '00000000-0000-4000-8000-000000000000', actor: 'admin', writes: false },
  report: { query: '?from=2026-01-01&to=2026-01-31', writes: false },
  dossiers: { query: '?view=overdue', writes: false },
  dossierProgress: { query: '?from=2026-01-01&to=2026-01-31', writes: false },
  // Issue 18. Without a province a lookup writes nothing (wrong digits are counted in memory only).
  kioskDossierLookup: {
    valid: () => ({ code: '000.00.01.H61-250101-0001', proof: '1234' }),
    actor: 'kiosk',
    writes: false,
  },
  publicDossierLookup: {
    valid: () => ({ code: '000.00.01.H61-250101-0001', proof: '1234' }),
    writes: false,
  },
  dossier: { param: () => '000.00.01.H61-250101-0001', actor: 'officerA', writes: false },
  // Public, signed by the province: a kiosk's token changes nothing, an unsigned body is refused (401).
  provincialStatusPush: { actor: 'kiosk', writes: true },
  // Issue 19, notices' admin side: settings (a valid change writes), deliveries, retrying dead letters.
  noticeSettings: READ,
  saveNoticeSettings: {
    valid: () => ({ quietHours: { from: '22:00', to: '06:30' }, aheadThreshold: 4 }),
    actor: 'admin',
    writes: true,
  },
  noticeDeliveries: { query: '?from=2026-01-01&to=2026-01-31&state=dead', writes: false },
  retryNotices: { valid: () => ({ channel: 'sms' }), actor: 'admin', writes: true },
  // Issue 19: a phone's push subscription to a ticket by its tracking code.
  pushKey: READ,
  pushSubscribe: {
    param: tracking,
    valid: () => ({
      endpoint: 'https://push.example.invalid/sub/1',
      keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) },
      consentVersion: '2026-12-v1',
    }),
    writes: true,
  },
  pushUnsubscribe: {
    param: tracking,
    valid: () => ({ endpoint: 'https://push.example.invalid/sub/1' }),
    writes: true,
  },
  // Issue 21: the booking page (anyone), the kiosk's check-in, the admin's settings, day and report.
  bookingOptions: READ,
  bookingDays: { query: () => `?serviceId=${ids.bookable}`, writes: false },
  bookingSlots: { query: () => `?serviceId=${ids.bookable}&day=${booking.day}`, writes: false },
  bookingOtp: { valid: () => ({ phone: '0912345678', cccd: '079123456789' }), writes: true },
  bookingVerify: { valid: () => ({ challengeId: 'A'.repeat(24), code: '123456' }), writes: true },
  bookingCreate: {
    valid: () => ({ proof: 'p'.repeat(43), serviceId: ids.bookable, day: booking.day, start: '15:00' }),
    writes: true,
  },
  booking: { param: () => booking.code, writes: false },
  bookingCancel: { param: () => booking.code, writes: true },
  bookingMove: {
    param: () => booking.code,
    valid: () => ({ day: booking.day, start: '15:00' }),
    writes: true,
  },
  checkIn: { valid: () => ({ code: 'ZZZZ-ZZZZ' }), actor: 'kiosk', writes: true },
  bookingSettings: READ,
  setBookingSettings: {
    valid: () => ({ ...DEFAULT_BOOKING_SETTINGS, services: [] }),
    actor: 'admin',
    writes: true,
  },
  adminBookings: { query: () => `?day=${booking.day}`, writes: false },
  bookingReport: { query: '?from=2026-01-01&to=2026-01-31', writes: false },
  // Issue 22: feedback from a phone (anyone, rate limited), the kiosk and staff; the register and its actions.
  feedbackOptions: { query: () => `?t=${tracking()}`, writes: false },
  feedbackCreate: { valid: () => ({ topic: 'delay', text: 'Chờ quá lâu' }), writes: true },
  feedbackStatus: { param: () => feedbackCase.code, writes: false },
  feedbackLookup: { param: () => feedbackCase.code, valid: () => ({ proof: '5678' }), writes: false },
  kioskFeedback: { valid: () => ({ topic: 'delay', text: 'Chờ quá lâu' }), actor: 'kiosk', writes: true },
  // The set-up case was not taken at this kiosk: a domain 404, never a slip (nothing written either way).
  kioskFeedbackPrint: { param: () => feedbackCase.code, actor: 'kiosk', writes: false },
  staffFeedback: {
    valid: () => ({ topic: 'attitude', text: 'Cán bộ thiếu tôn trọng', ticketId: ids.t1 }),
    actor: 'officerA',
    writes: true,
  },
  feedbackCases: { query: '?status=new&due=overdue&q=cho%20lau&limit=50', writes: false },
  feedbackCase: { param: () => String(feedbackCase.id), actor: 'supervisor', writes: false },
  feedbackClassify: {
    param: () => String(feedbackCase.id),
    valid: () => ({ class: 'outside-authority', serviceId: ids.serviceA }),
    actor: 'supervisor',
    writes: true,
  },
  feedbackAssign: {
    param: () => String(feedbackCase.id),
    valid: () => ({ assigneeId: null }),
    actor: 'supervisor',
    writes: true,
  },
  feedbackForward: {
    param: () => String(feedbackCase.id),
    valid: () => ({ to: 'Sở Xây dựng', means: 'letter', reference: 'CV 1' }),
    actor: 'supervisor',
    writes: true,
  },
  feedbackAnswer: {
    param: () => String(feedbackCase.id),
    valid: () => ({ answer: 'Đã trả lời', publish: false }),
    actor: 'supervisor',
    writes: true,
  },
  // A new case cannot be closed (it is not answered and not classified as not qualifying).
  feedbackClose: {
    param: () => String(feedbackCase.id),
    valid: () => ({}),
    actor: 'supervisor',
    writes: true,
  },
  // Both params take the case's id: a file of that id is not the case's, so the handler answers 404.
  feedbackFile: { param: () => String(feedbackCase.id), actor: 'supervisor', writes: false },
  feedbackReport: { query: '?from=2026-01-01&to=2026-01-31', writes: false },
  feedbackRegister: { query: '?from=2026-01-01&to=2026-01-31', writes: false },
  feedbackStaff: READ,
  feedbackSettings: READ,
  setFeedbackSettings: { valid: () => ({ ...DEFAULT_FEEDBACK_SETTINGS }), actor: 'admin', writes: true },
};

/** The screens' pages and the OpenAPI document: served outside the table, fuzzed all the same. */
const PAGES: Route[] = [
  ...['kiosk', 'display', 'counter', 'admin'].map((app) => `/${app}`),
  '/counter-top/:param',
  // A dossier's status page on a phone (issue 18): the code rides in the path.
  '/h/:param',
  '/api/docs',
].map((path) => ({
  name: `page ${path}`,
  method: 'GET',
  path: (p: string) => path.replace(':param', p),
  ...(path.includes(':param')
    ? {
        param: () => (path.startsWith('/h/') ? '000.00.01.H61-250101-0001' : String(ids.counterA)),
      }
    : {}),
  public: true,
  allowed: WHO,
  writes: false,
}));

const ROUTES: Route[] = [
  ...ENDPOINT_NAMES.map((name): Route => {
    const e: EndpointDef = ENDPOINTS[name];
    const { query, ...fixture } = FIXTURES[name];
    return {
      ...fixture,
      name,
      method: e.method,
      path: (p) => e.path.replace(/:\w+/g, p) + (typeof query === 'function' ? query() : (query ?? '')),
      public: e.who === 'anyone' || e.who === 'monitoring',
      allowed: admitted(e.who),
      ...(e.body ? { schema: e.body } : {}),
    };
  }),
  ...PAGES,
];

const route = (name: EndpointName): Route => {
  const r = ROUTES.find((x) => x.name === name);
  if (!r) throw new Error(`no route ${name}`);
  return r;
};

// ---------------------------------------------------------------- sending and checking

const clip = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

function describeExchange(req: RawRequest, res?: RawReply): string {
  const body = req.body === undefined ? '' : clip(req.body.toString());
  const head = `${req.method} ${clip(req.path, 200)} headers=${clip(JSON.stringify(req.headers ?? {}), 200)} body=${body}`;
  return res ? `${head}\n  → ${res.status} ${clip(res.text)}` : head;
}

interface Expectation {
  /** Statuses accepted; default: any 4xx. */
  statuses?: number[];
  /** A 2xx is acceptable (reads; dry runs) — it must still change nothing. */
  success?: boolean;
  /** The error code expected, when it is certain. */
  code?: string;
  /** Under an injected storage fault: 503 with storage's code is acceptable too (never another 5xx). */
  storage?: boolean;
}

/** Storage's refusals (issue 17): the only 5xx an endpoint may answer, and only while storage refuses writes. */
const STORAGE_CODES: readonly string[] = ['LAYSO_DISK_FULL', 'LAYSO_DB_UNWRITABLE'];

const ENDPOINT_PATTERNS = ENDPOINT_NAMES.map((name) => ({
  name,
  method: ENDPOINTS[name].method,
  pattern: new RegExp(
    `^${ENDPOINTS[name].path.replace(/\./g, '\\.').replace(/:\w+/g, '[^/?#]+')}(?:[?#].*)?$`,
  ),
}));
/** The table's endpoint a request reaches, if any (its param may still be refused by the schema). */
const endpointAt = (method: string, path: string): EndpointName | null =>
  ENDPOINT_PATTERNS.find((e) => e.method === method && e.pattern.test(path))?.name ?? null;

/** Sends one request and checks the three rules; throws (for fast-check to shrink) on any breach. */
async function send(req: RawRequest, want: Expectation = {}): Promise<RawReply> {
  const before = totalChanges(h.store.db);
  let res: RawReply;
  try {
    res = await rawRequest(h.port, req);
  } catch (e) {
    throw new Error(`transport error ${String(e)} for ${describeExchange(req)}`);
  }
  const after = totalChanges(h.store.db);
  const tally = (sent[group] ??= {});
  tally[res.status] = (tally[res.status] ?? 0) + 1;
  const what = describeExchange(req, res);
  const storageRefusal =
    want.storage === true &&
    res.status === 503 &&
    STORAGE_CODES.includes(String((res.json as { error?: { code?: unknown } } | null)?.error?.code));
  if (res.status >= 500 && !storageRefusal) throw new Error(`5xx:\n${what}`);
  // The page behind a ticket's QR answers a phone with a readable Vietnamese page, not JSON (by design).
  const citizenPage =
    req.path.startsWith('/t/') &&
    res.status === 404 &&
    String(res.headers['content-type']).startsWith('text/html') &&
    res.text.includes('Không tìm thấy số thứ tự này');
  if (res.status >= 400 && !citizenPage) {
    const e = (res.json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    const shaped =
      typeof res.json === 'object' &&
      res.json !== null &&
      typeof e === 'object' &&
      e !== null &&
      typeof e.code === 'string' &&
      /^LAYSO_[A-Z_]+$/.test(e.code) &&
      typeof e.message === 'string' &&
      e.message.length > 0;
    if (!shaped) throw new Error(`error without {error:{code,message}}:\n${what}`);
    const known = ERRORS[e?.code as ErrorCode] as { status: number } | undefined;
    if (known?.status !== res.status) throw new Error(`error code and status disagree:\n${what}`);
    if (want.code && e?.code !== want.code) throw new Error(`expected ${want.code}:\n${what}`);
    const endpoint = endpointAt(req.method, req.path);
    if (endpoint && !errorsOf(ENDPOINTS[endpoint]).includes(e?.code as ErrorCode))
      throw new Error(
        `${endpoint} answered ${String(e?.code)}, which its table entry does not list:\n${what}`,
      );
  } else if (!want.success) {
    throw new Error(`expected a refusal, got ${res.status}:\n${what}`);
  } else if (res.status < 200) {
    throw new Error(`unexpected status:\n${what}`);
  }
  if (res.status < 400 && res.status >= 300) throw new Error(`unexpected redirect:\n${what}`);
  if (want.statuses && !want.statuses.includes(res.status)) {
    throw new Error(`expected ${want.statuses.join('|')}:\n${what}`);
  }
  // /api/health proves the database takes a write by rewriting its probe row (issue 17): that one is by design.
  const probe = endpointAt(req.method, req.path) === 'health' && res.status === 200 ? 1 : 0;
  if (after - before !== probe)
    throw new Error(`the request changed the database (${after - before} rows):\n${what}`);
  return res;
}

const bearer = (who: Who) => ({ authorization: `Bearer ${tokens[who]}` });

// ---------------------------------------------------------------- arbitraries

/** Characters node:http lets through in a header value (visible ASCII and Latin-1). */
const headerChar = fc.oneof(
  fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0xa0, max: 0xff }).map((c) => String.fromCharCode(c)),
);
const b64 = fc.string({
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
  minLength: 0,
  maxLength: 60,
});

const garbageToken = fc.oneof(
  fc.string({ unit: headerChar, minLength: 1, maxLength: 80 }),
  fc.tuple(fc.constantFrom('s_', 'k_', 'd_', 'c_', 'a_', 'S_', 'K_', '_', ''), b64).map(([p, t]) => p + t),
  fc.constantFrom('null', 'undefined', 'true', '0', '[]', '{}', 'Bearer', 'ey.ey.sig', 'x'.repeat(600)),
  fc.nat({ max: 2000 }).map((n) => `s_${'A'.repeat(n)}`),
);

/** Real tokens bent out of shape: none of them may resolve to anyone. */
const forgedFrom = (t: string) =>
  fc.constantFrom(
    t.slice(0, -1),
    `${t}x`,
    `${t}${t}`,
    t.toUpperCase() === t ? t.toLowerCase() : t.toUpperCase(),
    [...t].reverse().join(''),
    (t.startsWith('s_') ? 'k_' : 's_') + t.slice(2),
    t.slice(2),
    `${t.slice(0, 10)}%00${t.slice(10)}`,
  );

/** Authorization headers that carry the token in a form the server must read. */
const keepForm = fc.constantFrom(
  (t: string) => `Bearer ${t}`,
  (t: string) => `bearer ${t}`,
  (t: string) => `BEARER   ${t}`,
  (t: string) => `Bearer\t${t}`,
);
/** Forms that must not authenticate anyone, whatever the token. */
const breakForm = fc.constantFrom(
  (t: string) => t,
  (t: string) => `Basic ${t}`,
  (t: string) => `Token ${t}`,
  (t: string) => `Bearer${t}`,
  (t: string) => `Bearer ${t} ${t}`,
  (t: string) => `Bearer "${t}"`,
  (t: string) => `Bearer ${t},Bearer ${t}`,
  () => 'Bearer ',
  () => '',
);

/** A JSON value of any shape, with some values chosen to hurt: huge, deep, unicode, numbers at the edges. */
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '../../etc/passwd',
    "'; DROP TABLE tickets; --",
    '<script>alert(1)</script>',
    'Nguyễn Văn A',
    'Nguye\u0302\u0303n',
    '\u202e\u200b',
    // Names the Text rules refuse (issue 17): an override, zero-width only, escape, line break, lone surrogate.
    'Lê\u202egnaht',
    '\u200b\u2060',
    '\u001b[2JXoá',
    'Dòng 1\nDòng 2',
    'Lan\ud800',
    -1,
    0,
    1.5,
    -0.5,
    2 ** 31,
    2 ** 53,
    1e308,
    -1e308,
    true,
    null,
    [],
    {},
    '1',
    '01',
  ),
  fc.constantFrom(10_000, 300_000).map((n) => 'ả'.repeat(n)),
  fc.integer({ min: 1, max: 3000 }).map((n) => JSON.parse('['.repeat(n) + ']'.repeat(n)) as unknown),
);

const strangeKey = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'id',
    'status',
    'role',
  ),
);

type Mutation = (body: Record<string, unknown>) => unknown;

/** One corruption of a valid body: a key set to a bad value, an extra key, a key removed, or a wrong shape. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), nastyValue).map(([k, v]): Mutation => (b) => {
    const keys = Object.keys(b);
    return keys.length ? { ...b, [keys[k % keys.length] as string]: v } : v;
  }),
  fc.tuple(strangeKey, nastyValue).map(([k, v]): Mutation => (b) => {
    const out: Record<string, unknown> = { ...b };
    Object.defineProperty(out, k, { value: v, enumerable: true, configurable: true, writable: true });
    return out;
  }),
  fc.nat().map((k): Mutation => (b) => {
    const keys = Object.keys(b);
    const out = { ...b };
    if (keys.length) delete out[keys[k % keys.length] as string];
    return out;
  }),
  fc.constantFrom<Mutation>(
    (b) => [b],
    (b) => ({ data: b }),
    (b) => JSON.stringify(b),
    () => null,
    () => 42,
    () => 'body',
    () => [],
  ),
);

const invalidJsonText = fc.oneof(
  fc.constantFrom(
    '{',
    '}',
    '{"serviceId":',
    "{'serviceId': 1}",
    '{serviceId: 1}',
    '{"a":1,}',
    '[1,2',
    'undefined',
    'NaN',
    '\u0000',
    '{"a":"\u0000',
    '\ufeff{}x',
    '{"a":1}{"b":2}',
    '"unterminated',
    '{'.repeat(5000),
    '// comment\n{}',
    '0x10',
  ),
  fc.string({ maxLength: 60 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
);

/** Content types the API does not read at all. */
const foreignType = fc.constantFrom(
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=zzz',
  'application/octet-stream',
  'image/png',
  'text/html',
  'application/jsonp',
);

interface BodyCase {
  kind: string;
  contentType?: string;
  text: string | Buffer;
  /** The value the server would see if it parsed the text as JSON; absent when it cannot. */
  value?: unknown;
}

/** Malformed bodies for a route; `parseable` ones only for routes with a schema to refuse them. */
function bodyCases(r: Route): fc.Arbitrary<BodyCase> {
  const base = r.valid?.() ?? {};
  const unparseable = [
    invalidJsonText.map((text): BodyCase => ({
      kind: 'invalid-json',
      contentType: 'application/json',
      text,
    })),
    fc.constant<BodyCase>({ kind: 'empty', contentType: 'application/json', text: '' }),
    foreignType.map((ct): BodyCase => ({
      kind: 'foreign-type',
      contentType: ct,
      text: JSON.stringify(base),
    })),
    fc.constant<BodyCase>({ kind: 'no-type', text: JSON.stringify(base) }),
    fc.constant<BodyCase>({
      kind: 'proto',
      contentType: 'application/json',
      text: `{"__proto__":{"role":"admin"},${JSON.stringify(base).slice(1)}`,
    }),
    fc.constant<BodyCase>({
      kind: 'constructor',
      contentType: 'application/json',
      text: `{"constructor":{"prototype":{"role":"admin"}},${JSON.stringify(base).slice(1)}`,
    }),
    fc.constant<BodyCase>({
      kind: 'too-large',
      contentType: 'application/json',
      text: JSON.stringify({ ...base, pad: 'x'.repeat(300_000) }),
    }),
  ];
  if (!r.schema) return fc.oneof(...unparseable.slice(0, 4));
  const schema = r.schema;
  const parseable = [
    fc.jsonValue({ maxDepth: 4 }).map((v): BodyCase => ({
      kind: 'json-junk',
      contentType: 'application/json',
      text: JSON.stringify(v),
      value: v,
    })),
    mutation.map((m): BodyCase => {
      const value = JSON.parse(JSON.stringify(m(structuredClone(base))) ?? 'null') as unknown;
      return { kind: 'mutated', contentType: 'application/json', text: JSON.stringify(value), value };
    }),
    fc
      .tuple(
        mutation,
        fc.constantFrom('APPLICATION/JSON', 'application/json; charset=utf-8', 'application/json;x=y'),
      )
      .map(([m, ct]): BodyCase => {
        const value = JSON.parse(JSON.stringify(m(structuredClone(base))) ?? 'null') as unknown;
        return { kind: 'json-variant-type', contentType: ct, text: JSON.stringify(value), value };
      }),
    fc.constant<BodyCase>({
      kind: 'text-plain',
      contentType: 'text/plain',
      text: JSON.stringify(base),
      value: '',
    }),
    mutation.map((m): BodyCase => {
      const value = JSON.parse(JSON.stringify(m(structuredClone(base))) ?? 'null') as unknown;
      return {
        kind: 'utf16',
        contentType: 'application/json; charset=utf-16le',
        text: Buffer.from(JSON.stringify(value), 'utf16le'),
        value,
      };
    }),
  ];
  return fc
    .oneof(...unparseable, ...parseable)
    .filter((c) => !('value' in c) || !schema.safeParse(c.value).success);
}

/** Params that are not a usable id or code: wrong type, out of range, unicode, traversal, bad encoding. */
const badParam = fc.oneof(
  fc.constantFrom(
    'abc',
    '-1',
    '0',
    '-0',
    '1.5',
    '1e3',
    '1e400',
    '0x10',
    '0b1',
    'Infinity',
    'NaN',
    '99999999999999999999',
    '2147483648',
    '9007199254740993',
    '1_000',
    '%201',
    '1%20',
    '+1',
    '%00',
    '%',
    '%zz',
    '%C0%AE',
    '%2e%2e',
    '..',
    '.',
    '..%2f..%2fetc%2fpasswd',
    '..%252f',
    '%2F',
    '..%5C..%5Cwindows',
    '../../etc/passwd',
    '..;/admin',
    'null',
    'undefined',
    '[]',
    '%7B%7D',
    '%F0%9F%98%80',
    encodeURIComponent('١٢٣'),
    encodeURIComponent('１２'),
    encodeURIComponent('Số 1'),
    '1?x=1',
    '1#frag',
    '',
    'x'.repeat(5000),
  ),
  fc.integer({ min: -(2 ** 53), max: 0 }).map(String),
  fc.double({ noDefaultInfinity: false }).map(String),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map(encodeURIComponent),
  fc.string({
    unit: fc.constantFrom(..."./%;~!$&'()*+,=:@-_abc019".split('')),
    minLength: 1,
    maxLength: 20,
  }),
  fc.integer({ min: NONEXISTENT_MIN, max: 2_147_483_647 }).map(String),
);

/**
 * The id a param would resolve to, if the server could read it as one. A raw `?` or `#` ends the path, so
 * `1?x=1` is the id 1 as far as the router is concerned.
 */
function idOf(param: string): number | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(param.split(/[?#]/)[0] ?? '');
  } catch {
    return null;
  }
  if (decoded.includes('/')) return null;
  const r = IdParam.safeParse({ id: decoded });
  return r.success ? r.data.id : null;
}

// ---------------------------------------------------------------- lifecycle

beforeAll(async () => {
  // A kiosk pace the fuzzing cannot reach (1,000 at once, refilled in a second), emptied by hand where refused.
  h = await startHarness({
    clock,
    env: { KIOSK_ISSUE_RATE: '1000/0.001s', PROVINCIAL_PUSH_SECRET: 'fuzz-push-secret-0123456789' },
  });
  const c = h.credentials;
  tokens.kiosk = c.kioskToken;
  tokens.display = c.displayToken;
  tokens.admin = (await login(h, c.admin.username)).token;
  const la = await login(h, 0);
  const lb = await login(h, 1);
  tokens.officerA = la.token;
  tokens.officerB = lb.token;
  ids.counterA = la.counterId;
  ids.counterB = lb.counterId;
  expect(ids.counterA).not.toBe(ids.counterB);

  const sup = await h.api('/api/admin/users', {
    token: tokens.admin,
    body: {
      username: 'giam.sat',
      displayName: 'Giám sát',
      password: 'mat-khau-giam-sat',
      role: 'supervisor',
    },
  });
  expect(sup.status, JSON.stringify(sup.body)).toBe(201);
  tokens.supervisor = (await login(h, 'giam.sat', 'mat-khau-giam-sat')).token;

  const counterDevice = await h.api('/api/admin/devices', {
    token: tokens.admin,
    body: { kind: 'counter', name: 'Màn hình quầy 1', counterId: ids.counterA },
  });
  expect(counterDevice.status).toBe(201);
  tokens.counterDevice = counterDevice.body.token;
  const revoked = await h.api('/api/admin/devices', {
    token: tokens.admin,
    body: { kind: 'kiosk', name: 'Ki-ốt cũ' },
  });
  expect(revoked.status).toBe(201);
  tokens.revokedKiosk = revoked.body.token;
  ids.revokedDevice = revoked.body.device.id;
  const revoke = await h.api(`/api/admin/devices/${ids.revokedDevice}`, {
    method: 'DELETE',
    token: tokens.admin,
  });
  expect(revoke.status).toBe(200);

  const counterA = h.store.counters.byId(ids.counterA);
  ids.serviceA = counterA?.serviceIds[0] ?? 0;
  const services = h.store.catalogue.services();
  ids.serviceOther = services.find((s) => s.id !== ids.serviceA && s.active)?.id ?? 0;
  expect(ids.serviceA).toBeGreaterThan(0);
  expect(ids.serviceOther).toBeGreaterThan(0);
  const foreign = h.store.db
    .prepare('SELECT id FROM procedures WHERE service_id IS NOT NULL AND service_id != ? LIMIT 1')
    .get(ids.serviceA) as { id: number } | undefined;
  ids.foreignProcedure = foreign?.id ?? 0;
  expect(ids.foreignProcedure).toBeGreaterThan(0);

  const issued: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await h.api('/api/tickets', { token: tokens.kiosk, body: { serviceId: ids.serviceA } });
    expect(r.status).toBe(201);
    issued.push(r.body.id);
  }
  [ids.t1, ids.t2, ids.t3] = issued as [number, number, number];
  const call = async () => {
    const r = await h.api(`/api/counters/${ids.counterA}/call-next`, {
      method: 'POST',
      token: tokens.officerA,
    });
    expect(r.status).toBe(200);
    return r.body.ticket.id as number;
  };
  expect(await call()).toBe(ids.t1);
  const fin = await h.api(`/api/tickets/${ids.t1}/finish`, {
    token: tokens.officerA,
    body: { outcome: 'guidance' },
  });
  expect(fin.status).toBe(200);
  expect(await call()).toBe(ids.t2);
  expect(h.store.tickets.byId(ids.t3)?.status).toBe('waiting');
  usernames = h.store.accounts.users().map((u) => u.username);

  // A booking for tomorrow at 15:30 (no lapse job can reach it while the clock moves 13 hours for the expiry test).
  ids.bookable = h.store.catalogue.serviceByCode('TP')?.id ?? 0;
  expect(ids.bookable).toBeGreaterThan(0);
  booking.day = new Date(clock.now().getTime() + (7 + 24) * 3_600_000).toISOString().slice(0, 10);
  const slotStart = new Date(`${booking.day}T15:30:00+07:00`);
  h.store.bookings.insert({
    code: booking.code,
    serviceId: ids.bookable,
    procedureId: null,
    day: booking.day,
    slotStart,
    slotEnd: new Date(slotStart.getTime() + 30 * 60_000),
    cccdHash: h.server.ctx.bookingIdentity.cccdHash('079123456789'),
    cccdLast: '789',
    phone: '0912345678',
    at: clock.now(),
  });

  // A feedback case received today from a phone (issue 22), about nobody yet.
  const today = new Date(clock.now().getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
  feedbackCase.id = h.store.feedback.insert({
    code: feedbackCase.code,
    channel: 'phone',
    origin: null,
    at: clock.now(),
    receivedDay: today,
    topic: 'delay',
    text: 'Chờ quá lâu',
    name: null,
    phone: '0912345678',
    consentVersion: '2026-12-v1',
    dossierCode: null,
    ticketId: null,
    counterId: null,
    deviceId: null,
    receivedBy: null,
    serviceId: null,
    officerId: null,
    forwardDueDay: today,
    answerDueDay: today,
  }).id;

  baseline = fingerprint(h.store.db);
  expect(baseline.counts.tickets).toBe(3);
}, 60_000);

afterEach(() => {
  expect(fingerprint(h.store.db)).toEqual(baseline);
});

afterAll(async () => {
  closeRawSockets();
  await h?.close();
  const count = (t: Record<number, number>) => Object.values(t).reduce((a, b) => a + b, 0);
  const total = Object.values(sent).reduce((a, t) => a + count(t), 0);
  console.log(
    `fuzz: ${total} requests\n` +
      Object.entries(sent)
        .map(([g, t]) => `  ${g}: ${count(t)} ${JSON.stringify(t)}`)
        .join('\n') +
      `\n  body kinds: ${JSON.stringify(Object.fromEntries(kinds))}`,
  );
});

// ---------------------------------------------------------------- groups

describe('fuzz: every route refuses bad input with a 4xx, the right shape, and no write', () => {
  it('covers every route the server documents, and the server serves every endpoint of the table', async () => {
    group = 'coverage';
    const docs = await send({ method: 'GET', path: '/api/docs' }, { success: true, statuses: [200] });
    const paths = (docs.json as { paths: Record<string, Record<string, unknown>> }).paths;
    const documented = Object.entries(paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'delete', 'patch'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const ours = new Set(ROUTES.map((r) => `${r.method} ${r.path(r.param ? ':param' : '').split('?')[0]}`));
    const named = (key: string) => key.replace(/:\w+/g, ':param');
    const missing = documented.filter((k) => !ours.has(named(k)));
    expect(missing, 'routes served outside the protocol table').toEqual([]);
    // Every endpoint of the table is served (hidden ones too), and documented unless it is hidden.
    for (const name of ENDPOINT_NAMES) {
      const e: EndpointDef = ENDPOINTS[name];
      expect(h.server.app.hasRoute({ method: e.method, url: e.path }), name).toBe(true);
      if (!e.hidden) expect(documented, name).toContain(`${e.method} ${e.path}`);
    }
    expect(documented.length).toBeGreaterThanOrEqual(45);
  });

  it('tokens: garbage, forged, wrong scheme, revoked, or the wrong kind of principal', async () => {
    group = 'tokens';
    const guarded = ROUTES.filter((r) => !r.public);
    const caseFor = (r: Route) => {
      const denied = WHO.filter((w) => !r.allowed.includes(w));
      return fc.oneof(
        fc.tuple(garbageToken, fc.oneof(keepForm, breakForm)).map(([t, f]) => f(t)),
        fc
          .tuple(fc.constantFrom(...WHO), fc.nat())
          .chain(([w]) =>
            fc.tuple(forgedFrom(tokens[w]), fc.oneof(keepForm, breakForm)).map(([t, f]) => f(t)),
          ),
        fc.tuple(fc.constantFrom(...WHO), breakForm).map(([w, f]) => f(tokens[w])),
        ...(denied.length
          ? [fc.tuple(fc.constantFrom(...denied), keepForm).map(([w, f]) => f(tokens[w]))]
          : []),
        fc.constant<string | null>(null),
      );
    };
    for (const r of guarded) {
      await fc.assert(
        fc.asyncProperty(caseFor(r), async (header) => {
          const req: RawRequest = {
            method: r.method,
            path: r.path(r.param?.() ?? ''),
            headers: header === null ? {} : { authorization: header },
          };
          if (r.valid) {
            req.headers = { ...req.headers, 'content-type': 'application/json' };
            req.body = JSON.stringify(r.valid());
          }
          const res = await send(req, { statuses: [401, 403] });
          const code = (res.json as { error: { code: string } }).error.code;
          expect(code).toBe(res.status === 401 ? 'LAYSO_UNAUTHENTICATED' : 'LAYSO_FORBIDDEN');
        }),
        { numRuns: RUNS.tokens },
      );
    }
    // And the public reads ignore whatever token comes with them.
    for (const r of ROUTES.filter((x) => x.public && x.method === 'GET')) {
      for (const header of [
        'Bearer garbage',
        `Basic ${tokens.admin}`,
        `Bearer ${tokens.display}`,
        'x'.repeat(4000),
      ]) {
        await send(
          { method: 'GET', path: r.path(r.param?.() ?? ''), headers: { authorization: header } },
          { success: true, statuses: [200] },
        );
      }
    }
  }, 60_000);

  it('bodies: wrong types, extra keys, huge and deep values, invalid JSON, wrong or missing content-type', async () => {
    group = 'bodies';
    const withBodies = ROUTES.filter(
      (r) => r.method !== 'GET' && (r.actor || r.name === 'login' || r.name === 'setup'),
    );
    for (const r of withBodies) {
      await fc.assert(
        fc.asyncProperty(bodyCases(r), async (c) => {
          const headers: Record<string, string> = r.actor ? bearer(r.actor) : {};
          if (c.contentType !== undefined) headers['content-type'] = c.contentType;
          kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
          await send({ method: r.method, path: r.path(r.param?.() ?? ''), headers, body: c.text });
        }),
        { numRuns: RUNS.bodies },
      );
    }
  }, 60_000);

  it('params: non-numeric, negative, huge, unicode, traversal, bad percent-encoding', async () => {
    group = 'params';
    const withParams = ROUTES.filter((r) => r.param && r.actor !== undefined).concat(
      route('track'),
      route('trackPage'),
    );
    for (const r of withParams) {
      await fc.assert(
        fc.asyncProperty(badParam, async (param) => {
          const id = idOf(param);
          // A param that still reads as an existing id is not malformed; big ids exist nowhere.
          fc.pre(r.public || id === null || id >= NONEXISTENT_MIN);
          const headers: Record<string, string> = r.actor ? bearer(r.actor) : {};
          const req: RawRequest = { method: r.method, path: r.path(param), headers };
          if (r.valid) {
            headers['content-type'] = 'application/json';
            req.body = JSON.stringify(r.valid());
          }
          const res = await send(req, { success: r.method === 'GET' });
          if (r.method === 'GET' && res.status === 200) {
            // Only a param the schema accepts can reach a ticket.
            expect(r.public || id !== null).toBe(true);
          }
        }),
        { numRuns: RUNS.params },
      );
    }
  }, 60_000);

  it('query: /api/procedures and /api/admin/outbox with bad values, repeated and unknown keys', async () => {
    group = 'query';
    const value = fc.oneof(
      fc.string({ maxLength: 20 }).map(encodeURIComponent),
      fc.string({ unit: 'grapheme', maxLength: 20 }).map(encodeURIComponent),
      fc.constantFrom(
        '',
        '-1',
        '0',
        '101',
        '1e9',
        'abc',
        '%',
        '%zz',
        '%00',
        'x'.repeat(300),
        '1.5',
        '[]',
        '%C3%28',
        '1000001',
        'pending',
        'PENDING',
        'all%00',
        'true',
        'TRUE',
      ),
      fc.integer().map(String),
    );
    const pair = fc.tuple(
      fc.constantFrom(
        'q',
        'serviceId',
        'limit',
        'offset',
        'filter',
        'unmapped',
        'q[]',
        'limit[a]',
        '__proto__',
        'constructor',
        'x',
        '',
      ),
      value,
    );
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(pair, { maxLength: 5 }), async (outbox, pairs) => {
        const qs = pairs.map(([k, v]) => `${k}=${v}`).join('&');
        const res = await send(
          outbox
            ? { method: 'GET', path: `/api/admin/outbox?${qs}`, headers: bearer('supervisor') }
            : { method: 'GET', path: `/api/procedures?${qs}` },
          { success: true, statuses: [200, 400] },
        );
        if (res.status === 200) {
          expect(
            outbox ? Array.isArray((res.json as { items: unknown }).items) : Array.isArray(res.json),
          ).toBe(true);
        }
      }),
      { numRuns: RUNS.query },
    );
  }, 60_000);

  it('domain: valid shapes that the rules refuse (wrong counter, wrong state, unknown ids, duplicates)', async () => {
    group = 'domain';
    const big = fc.integer({ min: NONEXISTENT_MIN, max: 2_147_483_647 });
    const A = ids.counterA;
    const B = ids.counterB;
    const dossier = { code: '000.00.01.H61-250101-0001' };
    type Case = { req: RawRequest; want: Expectation };
    const post = (path: string, who: Who, body?: unknown): RawRequest =>
      body === undefined
        ? { method: 'POST', path, headers: bearer(who) }
        : {
            method: 'POST',
            path,
            headers: { ...bearer(who), 'content-type': 'application/json' },
            body: JSON.stringify(body),
          };
    const ticketActions = [
      ['recall', undefined],
      ['start', undefined],
      ['no-show', undefined],
      ['transfer', { serviceId: ids.serviceOther }],
      ['finish', { outcome: 'guidance' }],
      ['finish', { outcome: 'received', dossier }],
    ] as const;
    const cases: fc.Arbitrary<Case>[] = [
      // The kiosk asks for things that do not exist or do not fit.
      big.map((n) => ({ req: post('/api/tickets', 'kiosk', { serviceId: n }), want: { statuses: [404] } })),
      big.map((n) => ({
        req: post('/api/tickets', 'kiosk', { serviceId: ids.serviceA, procedureId: n }),
        want: { statuses: [404] },
      })),
      fc.constant({
        req: post('/api/tickets', 'kiosk', { serviceId: ids.serviceA, procedureId: ids.foreignProcedure }),
        want: { statuses: [400] },
      }),
      fc.stringMatching(/^[a-z0-9-]{1,32}$/).map((p) => ({
        req: post('/api/tickets', 'kiosk', { serviceId: ids.serviceA, priority: `zz-${p}`.slice(0, 32) }),
        want: { statuses: [400] },
      })),
      // Officer B acts on tickets of counter A (done, called there, waiting): all refused.
      fc
        .tuple(
          fc.constantFrom(ids.t1, ids.t2, ids.t3),
          fc.nat(5),
          fc.constantFrom<Who>('officerB', 'admin', 'supervisor'),
        )
        .map(([t, k, who]) => {
          const [action, body] = ticketActions[k] as readonly [string, unknown];
          return { req: post(`/api/tickets/${t}/${action}`, who, body), want: { statuses: [403, 409] } };
        }),
      // Officer A on tickets not in a state to act on: t1 done, t3 waiting.
      fc.tuple(fc.constantFrom(ids.t1, ids.t3), fc.nat(5)).map(([t, k]) => {
        const [action, body] = ticketActions[k] as readonly [string, unknown];
        return { req: post(`/api/tickets/${t}/${action}`, 'officerA', body), want: { statuses: [403, 409] } };
      }),
      // Officer A on the current ticket, with arguments the rules refuse.
      fc.constantFrom<Case>(
        {
          req: post(`/api/tickets/${ids.t2}/transfer`, 'officerA', { serviceId: ids.serviceA }),
          want: { statuses: [400] },
        },
        {
          req: post(`/api/tickets/${ids.t2}/finish`, 'officerA', { outcome: 'received' }),
          want: { statuses: [400] },
        },
        {
          req: post(`/api/tickets/${ids.t2}/finish`, 'officerA', { outcome: 'returned' }),
          want: { statuses: [400] },
        },
      ),
      big.map((n) => ({
        req: post(`/api/tickets/${ids.t2}/transfer`, 'officerA', { serviceId: n }),
        want: { statuses: [404] },
      })),
      big.map((n) => ({
        req: post(`/api/tickets/${ids.t2}/finish`, 'officerA', {
          outcome: 'received',
          dossier: { ...dossier, procedureId: n },
        }),
        want: { statuses: [404] },
      })),
      big.map((n) => ({ req: post(`/api/tickets/${n}/print`, 'kiosk'), want: { statuses: [404] } })),
      fc.tuple(big, fc.constantFrom('recall', 'start', 'no-show')).map(([n, a]) => ({
        req: post(`/api/tickets/${n}/${a}`, 'officerA'),
        want: { statuses: [404] },
      })),
      // Counters: A is busy with t2; B may not act at A; nobody acts at a counter that is not theirs.
      fc.constant({ req: post(`/api/counters/${A}/call-next`, 'officerA'), want: { statuses: [409] } }),
      fc.constantFrom<Who>('officerB', 'admin', 'supervisor').map((who) => ({
        req: post(`/api/counters/${A}/call-next`, who),
        want: { statuses: [403] },
      })),
      fc
        .tuple(fc.boolean(), fc.constantFrom<Who>('officerB', 'admin', 'supervisor'))
        .map(([paused, who]) => ({
          req: post(`/api/counters/${A}/pause`, who, { paused }),
          want: { statuses: [403] },
        })),
      fc.boolean().map((paused) => ({
        req: post(`/api/counters/${B}/pause`, 'officerA', { paused }),
        want: { statuses: [403] },
      })),
      big.map((n) => ({
        req: post(`/api/counters/${n}/call-next`, 'officerA'),
        want: { statuses: [403, 404] },
      })),
      big.map((n) => ({
        req: { method: 'GET', path: `/api/counters/${n}/queue`, headers: bearer('officerA') },
        want: { statuses: [404] },
      })),
      big.map((n) => ({
        req: { method: 'GET', path: `/api/tickets/${n}`, headers: bearer('kiosk') },
        want: { statuses: [404] },
      })),
      fc.stringMatching(/^[A-Za-z0-9_-]{6,32}$/).map((code) => ({
        req: { method: 'GET', path: `/api/track/${code}` },
        want: { statuses: [404] },
      })),
      // Admin: duplicates and unknown references.
      fc.constantFrom(...usernames).map((username) => ({
        req: post('/api/admin/users', 'admin', {
          username,
          displayName: 'Trùng tên',
          password: 'mat-khau-du-dai',
          role: 'officer',
        }),
        want: { statuses: [409] },
      })),
      big.map((n) => ({
        req: post('/api/admin/users', 'admin', {
          username: 'khong.co.quay',
          displayName: 'Không có quầy',
          password: 'mat-khau-du-dai',
          role: 'officer',
          counterId: n,
        }),
        want: { statuses: [404] },
      })),
      big.map((n) => ({
        req: post('/api/admin/devices', 'admin', { kind: 'counter', name: 'Quầy ma', counterId: n }),
        // A counter screen with no such counter cannot pair: a validation error naming counterId.
        want: { statuses: [400], code: 'LAYSO_VALIDATION' },
      })),
      big.map((n) => ({
        req: { method: 'DELETE', path: `/api/admin/devices/${n}`, headers: bearer('admin') },
        want: { statuses: [404] },
      })),
      fc.constantFrom(...h.store.catalogue.services().map((s) => s.code)).map((code) => ({
        req: post('/api/admin/services', 'admin', { ...serviceBody(), code }),
        want: { statuses: [409] },
      })),
      big.map((n) => ({
        req: {
          ...post('/api/admin/services', 'admin', serviceBody()),
          method: 'PUT',
          path: `/api/admin/services/${n}`,
        },
        want: { statuses: [404] },
      })),
      fc.constant({
        req: {
          ...post('/api/admin/services', 'admin', {
            ...serviceBody(),
            code: h.store.catalogue.service(ids.serviceA)?.code,
          }),
          method: 'PUT',
          path: `/api/admin/services/${ids.serviceOther}`,
        },
        want: { statuses: [409] },
      }),
      // A procedure or a service that does not exist.
      fc.tuple(big, fc.boolean()).map(([n, noProcedure]) => ({
        req: {
          ...post('/api/admin/procedures', 'admin', { serviceId: noProcedure ? ids.serviceA : n }),
          method: 'PUT',
          path: `/api/admin/procedures/${noProcedure ? n : ids.foreignProcedure}`,
        },
        want: { statuses: [404] },
      })),
      // Accounts: unknown ids, an unknown usual counter, and the only admin demoted or disabled (by themself).
      fc.tuple(big, fc.boolean()).map(([n, reset]) => ({
        req: reset
          ? post(`/api/admin/users/${n}/password`, 'admin', { password: 'mat-khau-moi-du-dai' })
          : {
              ...post(`/api/admin/users/${n}`, 'admin', {
                displayName: 'Không có',
                role: 'officer',
                counterId: null,
                active: true,
              }),
              method: 'PUT',
            },
        want: { statuses: [404] },
      })),
      fc
        .tuple(
          fc.constantFrom(
            { role: 'supervisor', active: true },
            { role: 'officer', active: true },
            { role: 'admin', active: false },
            { role: 'supervisor', active: false },
          ),
          fc.option(big, { nil: null }),
        )
        .map(([change, counterId]) => ({
          req: {
            ...post(
              `/api/admin/users/${h.store.accounts.userByName(h.credentials.admin.username)?.id}`,
              'admin',
              {
                displayName: 'Quản trị',
                counterId,
                ...change,
              },
            ),
            method: 'PUT',
          },
          want: { statuses: counterId === null ? [409] : [404] },
        })),
      // A dry-run import of any text reports and writes nothing.
      fc
        .tuple(
          fc.constantFrom('csv', 'json'),
          fc.oneof(
            fc.string({ minLength: 1, maxLength: 200 }),
            fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
            fc.constantFrom(
              'code,name\n1.000001,Thủ tục\n',
              '"unterminated',
              '[{"code":"1.000001","name":"x"}]',
              '{"procedures":[{"ma":1}]}',
              'null',
              '[null,1,"x",[]]',
              '\ufeffMã,Tên\n',
              ',,,,\n,,,,',
              'code,name\n' + '1.000001,"a""b"\n'.repeat(2000),
            ),
          ),
        )
        .map(([format, content]) => ({
          req: post('/api/admin/catalogue/import', 'admin', { format, content, dryRun: true }),
          want: { success: true, statuses: [200, 400] },
        })),
    ];
    await fc.assert(
      fc.asyncProperty(fc.oneof(...cases), async ({ req, want }) => {
        await send(req, want);
      }),
      { numRuns: RUNS.domain },
    );
  }, 60_000);

  it('login: wrong passwords and unknown users are refused (401, then 429), schema errors are 400', async () => {
    group = 'login';
    const username = fc.oneof(
      { arbitrary: fc.constantFrom(...usernames.filter((u) => u !== 'giam.sat')), weight: 2 },
      { arbitrary: fc.constantFrom('admin', 'ADMIN', ' admin ', 'canbo01'), weight: 2 },
      { arbitrary: fc.string({ minLength: 1, maxLength: 64 }), weight: 1 },
      { arbitrary: fc.constantFrom(' ', '\t', 'x'.repeat(65)), weight: 1 },
    );
    const login = (body: unknown, from?: string) =>
      send(
        {
          method: 'POST',
          path: '/api/auth/login',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          ...(from ? { from } : {}),
        },
        { statuses: [400, 401, 429] },
      );
    await fc.assert(
      fc.asyncProperty(
        username,
        fc.string({ minLength: 1, maxLength: 256 }),
        fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
        async (user, password, counterId) => {
          const res = await login({ username: user, password, ...(counterId ? { counterId } : {}) });
          if (user.trim() === '' || user.trim().length > 64) expect(res.status).toBe(400);
        },
      ),
      { numRuns: RUNS.login },
    );
    // The fuzzing failed many usernames from this address (ten more make sure): it is refused for any name now
    // (spraying, issue 17).
    for (let i = 0; i < 10; i++) await login({ username: `khong-co-${i}`, password: 'sai-mat-khau' });
    const sprayed = await login({ username: 'giam.sat', password: 'sai-mat-khau' });
    expect((sprayed.json as { error: { code: string } }).error.code).toBe('LAYSO_RATE_LIMITED');
    // From another desk, five wrong passwords for an account the fuzzing left alone, then it is locked out even
    // before the password is checked.
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await login({ username: 'giam.sat', password: `sai-mat-khau-${i}` }, '127.0.0.2');
      codes.push((res.json as { error: { code: string } }).error.code);
    }
    expect(codes).toEqual([...Array<string>(5).fill('LAYSO_BAD_CREDENTIALS'), 'LAYSO_RATE_LIMITED']);
  }, 60_000);

  it('expired sessions: every staff route answers 401 once the session has run out', async () => {
    group = 'expired';
    const now = clock.now();
    clock.advance(13 * 3_600_000);
    try {
      for (const r of ROUTES.filter((x) => !x.public && x.allowed.some((w) => SESSIONS.includes(w)))) {
        for (const who of SESSIONS) {
          const req: RawRequest = { method: r.method, path: r.path(r.param?.() ?? ''), headers: bearer(who) };
          if (r.valid) {
            req.headers = { ...req.headers, 'content-type': 'application/json' };
            req.body = JSON.stringify(r.valid());
          }
          await send(req, { statuses: [401], code: 'LAYSO_UNAUTHENTICATED' });
        }
      }
    } finally {
      clock.set(now);
    }
    // The same tokens work again in their lifetime: the 401s were the expiry, not a broken token.
    for (const who of SESSIONS) {
      await send(
        { method: 'GET', path: '/api/auth/me', headers: bearer(who) },
        { success: true, statuses: [200] },
      );
    }
  }, 60_000);

  it('methods and paths: no route there answers 404 with the error shape', async () => {
    group = 'routing';
    const registered = new Set(ROUTES.map((r) => `${r.method} ${r.path('X').split('?')[0]}`));
    const segment = fc.oneof(
      fc.constantFrom(
        'api',
        'tickets',
        'counters',
        'admin',
        'auth',
        'services',
        '1',
        '..',
        '%2e%2e',
        '',
        'call-next',
      ),
      fc.string({ unit: fc.constantFrom(...'abc-_.%~019'.split('')), maxLength: 8 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
        fc.oneof(
          fc.constantFrom(...ROUTES).map((r) => r.path('X').split('?')[0] as string),
          fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => `/api/${s.join('/')}`),
        ),
        fc.constantFrom<Who | null>(null, 'admin', 'officerA', 'kiosk'),
        async (method, path, who) => {
          const asRoute = ROUTES.some((r) => {
            const pattern = new RegExp(`^${r.path('[^/]+').split('?')[0]?.replace(/\./g, '\\.')}$`);
            return r.method === method && pattern.test(path);
          });
          const readsAnything =
            method === 'GET' && /^\/api\/(health|services|priority-groups|docs)\/?$/.test(path);
          fc.pre(!asRoute && !readsAnything && !registered.has(`${method} ${path}`));
          await send(
            { method, path, headers: who ? bearer(who) : {} },
            { statuses: [400, 404], success: false },
          );
        },
      ),
      { numRuns: RUNS.routing },
    );
  }, 60_000);

  it('refusals of issue 17: a kiosk beyond its pace, and every endpoint under a storage fault (success, 4xx or 503 storage, never 500)', async () => {
    group = 'faults';
    /** The request an endpoint's fixture makes, as `who` (or nobody). */
    const requestFor = (r: Route, who: Who | null): RawRequest => {
      const req: RawRequest = {
        method: r.method,
        path: r.path(r.param?.() ?? ''),
        headers: who ? bearer(who) : {},
      };
      if (r.valid) {
        req.headers = { ...req.headers, 'content-type': 'application/json' };
        req.body = JSON.stringify(r.valid());
      }
      return req;
    };
    const ctx = h.server.ctx;

    // The kiosk's bucket emptied by hand (issuing for real would write tickets): the next issue is 429.
    const kiosk = ctx.auth.resolve(tokens.kiosk);
    if (kiosk?.kind !== 'device') throw new Error('the kiosk token resolves to no device');
    for (let i = 0; i < 10_000 && ctx.kioskRate.take(kiosk.device.id); i++);
    await send(requestFor(route('issueTicket'), 'kiosk'), { statuses: [429], code: 'LAYSO_KIOSK_TOO_FAST' });
    clock.advance(2_000);

    const store = ctx.store;
    const realTransaction = store.transaction;
    const faults = [
      {
        name: 'read-only database',
        code: 'LAYSO_DB_UNWRITABLE',
        on: () => store.db.pragma('query_only = ON'),
        off: () => store.db.pragma('query_only = OFF'),
      },
      {
        // SQLite's own error for a full disk, raised where the server's writes begin; the read-only switch stays
        // on beneath it, so a write outside a transaction is refused too rather than slipping through.
        name: 'full disk',
        code: 'LAYSO_DISK_FULL',
        on: () => {
          store.db.pragma('query_only = ON');
          store.transaction = () => {
            throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
          };
        },
        off: () => {
          store.transaction = realTransaction;
          store.db.pragma('query_only = OFF');
        },
      },
    ];
    for (const fault of faults) {
      const answered: Partial<Record<EndpointName, string>> = {};
      fault.on();
      try {
        for (const name of ENDPOINT_NAMES) {
          const r = route(name);
          const who = r.actor ?? (r.public ? null : (r.allowed.find((w) => w !== 'revokedKiosk') ?? null));
          const res = await send(requestFor(r, who), { success: true, storage: true });
          const code = (res.json as { error?: { code?: string } } | null)?.error?.code;
          answered[name] = `${res.status}${code ? ` ${code}` : ''}`;
          // Reads keep working; only a write (and the health check, whose job is to say so) meets the fault.
          if (res.status === 503 && !r.writes && name !== 'health')
            throw new Error(`${fault.name}: the read ${name} answered ${answered[name]}`);
        }
        // Signing in and out keep working, from a desk the fuzzing left alone (someone must be able to look).
        const admin = h.credentials.admin;
        const signIn = await send(
          {
            method: 'POST',
            path: '/api/auth/login',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: admin.username, password: admin.password }),
            from: '127.0.0.4',
          },
          { success: true, statuses: [200] },
        );
        const token = (signIn.json as { token: string }).token;
        const as = { authorization: `Bearer ${token}` };
        await send({ method: 'GET', path: '/api/auth/me', headers: as }, { success: true, statuses: [200] });
        await send(
          { method: 'GET', path: '/api/admin/users', headers: as },
          { success: true, statuses: [200] },
        );
        await send(
          { method: 'POST', path: '/api/auth/logout', headers: as },
          { success: true, statuses: [200] },
        );
        await send({ method: 'GET', path: '/api/auth/me', headers: as }, { statuses: [401] });
      } finally {
        fault.off();
      }
      // The fault was met where it should be, with its own code.
      expect(answered.issueTicket, fault.name).toBe(`503 ${fault.code}`);
      expect(answered.health, fault.name).toMatch(/^503 LAYSO_/);
      expect(answered.services, fault.name).toBe('200');
    }
  }, 60_000);

  it('control: the fingerprint does see a write (a ticket issued for real)', async () => {
    group = 'control';
    const before = fingerprint(h.store.db);
    const changes = totalChanges(h.store.db);
    const r = await h.api('/api/tickets', { token: tokens.kiosk, body: { serviceId: ids.serviceA } });
    expect(r.status).toBe(201);
    expect(totalChanges(h.store.db)).toBeGreaterThan(changes);
    const after = fingerprint(h.store.db);
    expect(after.counts.tickets).toBe((before.counts.tickets ?? 0) + 1);
    expect(after.hashes.service_days).not.toBe(before.hashes.service_days);
    baseline = after;
  });
});
