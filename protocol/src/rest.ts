import { z } from 'zod';
import { DossierCode, DossierCodeSource } from './dossier.js';
import { DossierFoundState, ReturnDetails } from './dossier-register.js';
import { CounterStatus, DeviceKind, FinishOutcome, Role, TicketStatus } from './enums.js';
import { IntakeNoticeConsent } from './notices.js';
import { CccdNumber, Id, IdNumber, IsoDateTime, Phone } from './scalars.js';
import { Text } from './text.js';
import { HubLinkHealth, ProvinceCatalogueStatus, UpstreamHealth } from './upstream-health.js';

// Id, IsoDateTime and the phone and ID patterns live in scalars.ts so that the dossier register's schemas (which
// FinishBody uses) need not import this file back.
export {
  CCCD_PATTERN,
  CccdNumber,
  Id,
  ID_NUMBER_PATTERN,
  IdNumber,
  IsoDateTime,
  Phone,
  PHONE_PATTERN,
} from './scalars.js';
export const IdParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

// ---------- services, procedures, priority groups ----------

/** "HH:mm" in Asia/Ho_Chi_Minh; "24:00" as a close means open through midnight. */
export const HourMinute = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/);
export const OpeningSpan = z
  .object({ open: HourMinute, close: HourMinute })
  .refine((s) => s.open < s.close, 'open must be before close');
/** Opening spans per ISO weekday, 1 = Monday … 7 = Sunday; a missing day is closed. */
export const WeeklyHours = z.partialRecord(
  z.enum(['1', '2', '3', '4', '5', '6', '7']),
  z.array(OpeningSpan).max(6),
);
export type WeeklyHours = z.infer<typeof WeeklyHours>;

export const NumberFormat = z.object({
  /** Leading digits or letters, e.g. "1" → 1001, 1002 … */
  prefix: z.string().regex(/^[0-9A-Z]{0,3}$/),
  /** Digits of the running part, e.g. 3 → 001 … 999. */
  digits: z.number().int().min(1).max(6),
});
export type NumberFormat = z.infer<typeof NumberFormat>;

export const Service = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  numberFormat: NumberFormat,
  dailyCap: z.number().int().positive(),
  hours: WeeklyHours,
  active: z.boolean(),
  /** Live figures, computed by the server at the time of the reply. */
  waiting: z.number().int().nonnegative(),
  estimatedWaitMinutes: z.number().int().nonnegative(),
  openCounters: z.number().int().nonnegative(),
  issuing: z.boolean(),
  /** Why `issuing` is false: "closed" (outside hours), "cap" (daily cap) or "inactive". */
  notIssuingReason: z.enum(['closed', 'cap', 'inactive']).nullable(),
  procedureCount: z.number().int().nonnegative(),
});
export type Service = z.infer<typeof Service>;

export const ServiceInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,32}$/),
  name: Text(200),
  nameEn: Text(200).nullable().optional(),
  numberFormat: NumberFormat,
  dailyCap: z.number().int().positive().max(99_999),
  hours: WeeklyHours,
  active: z.boolean().default(true),
});
export type ServiceInput = z.infer<typeof ServiceInput>;

export const Procedure = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  serviceId: Id.nullable(),
  field: z.string().nullable(),
  agency: z.string().nullable(),
  level: z.string().nullable(),
  processingTime: z.string().nullable(),
  fee: z.string().nullable(),
});
export type Procedure = z.infer<typeof Procedure>;

export const ProcedureQuery = z.object({
  q: z.string().max(200).optional(),
  serviceId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  /** "true": only procedures not mapped to any service (none when `serviceId` is given too). */
  unmapped: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const ProcedureHit = Procedure.extend({ score: z.number() });
export type ProcedureHit = z.infer<typeof ProcedureHit>;

/** `PUT /api/admin/procedures/:id`: the service a procedure is offered under at the kiosk (null: none). */
export const ProcedureUpdate = z.object({ serviceId: Id.nullable() }).strict();
export type ProcedureUpdate = z.infer<typeof ProcedureUpdate>;

export const PriorityGroup = z.object({
  code: z.string().regex(/^[a-z0-9-]{1,32}$/),
  name: z.string(),
  nameEn: z.string(),
});
export type PriorityGroup = z.infer<typeof PriorityGroup>;

/** The whole list, in kiosk order; tickets keep the code they were issued with as the reason. */
export const PriorityGroupsInput = z
  .array(
    z
      .object({
        code: z.string().regex(/^[a-z0-9-]{1,32}$/),
        name: Text(80),
        nameEn: Text(80),
      })
      .strict(),
  )
  .max(20)
  .refine((gs) => new Set(gs.map((g) => g.code)).size === gs.length, 'each code once');

// ---------- tickets ----------

/** Minimal personal data (Decree 13/2023): only with consent, never on a public screen or in logs. */
export const Intake = z
  .object({
    consent: z.literal(true),
    fullName: Text(120).optional(),
    phone: Phone.optional(),
    idNumber: CccdNumber.optional(),
    birthYear: z.number().int().min(1900).max(2100).optional(),
    /** Opt-in to ZNS/SMS notices (issue 19): only with a phone; the consent text's version is kept with it. */
    notices: IntakeNoticeConsent.optional(),
  })
  .strict()
  .refine((i) => !i.notices || i.phone !== undefined, {
    message: 'notices need a phone number',
    path: ['notices'],
  });
export type Intake = z.infer<typeof Intake>;

export const IssueTicketBody = z
  .object({
    serviceId: Id,
    priority: z
      .string()
      .regex(/^[a-z0-9-]{1,32}$/)
      .nullable()
      .optional(),
    procedureId: Id.nullable().optional(),
    intake: Intake.optional(),
    /** A returns ticket (issue 18): the dossier whose result the citizen comes for, looked up at the kiosk. */
    dossierCode: DossierCode.optional(),
  })
  .strict();
export type IssueTicketBody = z.infer<typeof IssueTicketBody>;
/** What a client sends (before the server's defaults and NFC normalisation). */
export type IssueTicketInput = z.input<typeof IssueTicketBody>;

export const Ticket = z.object({
  id: Id,
  /** Formatted number as printed and announced, e.g. "1005". */
  number: z.string(),
  serviceId: Id,
  serviceName: z.string(),
  procedureId: Id.nullable(),
  priority: z.string().nullable(),
  status: TicketStatus,
  issuedAt: IsoDateTime,
  /** Issue time of the original ticket; a transferred ticket keeps its place by it. */
  queuedAt: IsoDateTime,
  calledAt: IsoDateTime.nullable(),
  servedAt: IsoDateTime.nullable(),
  finishedAt: IsoDateTime.nullable(),
  counterId: Id.nullable(),
  counterName: z.string().nullable(),
  recalls: z.number().int().nonnegative(),
  outcome: FinishOutcome.nullable(),
  dossierCode: z.string().nullable(),
  transferredFromId: Id.nullable(),
  /** The sending officer's note on a transferred ticket, for the next officer only (never on a public screen). */
  transferNote: z.string().nullable(),
  /** People before this ticket in its service's queue (0 once called). */
  ahead: z.number().int().nonnegative(),
  estimatedWaitMinutes: z.number().int().nonnegative(),
  /** Opaque code for the public tracking page; never a name or ID. */
  trackingCode: z.string(),
  trackingUrl: z.string(),
  /** Service day in Asia/Ho_Chi_Minh, yyyy-MM-dd. */
  day: z.string(),
  /** When the citizen said "I'm on my way" from the phone page (the officer's console shows it); null if not. */
  onMyWayAt: IsoDateTime.nullable().optional(),
  /**
   * A ticket issued at check-in for a booking (issue 21): the booking's code and its slot's start; it is called at
   * that time ahead of walk-ins (within the mix). Null or absent for a walk-in.
   */
  booked: z.object({ code: z.string(), startsAt: IsoDateTime }).nullable().optional(),
});
export type Ticket = z.infer<typeof Ticket>;

/** What a citizen's phone may see through the ticket's QR: no personal data. */
export const PublicTicket = Ticket.pick({
  number: true,
  serviceId: true,
  serviceName: true,
  status: true,
  issuedAt: true,
  calledAt: true,
  counterName: true,
  ahead: true,
  estimatedWaitMinutes: true,
}).extend({
  /** True once the ticket's day (Vietnam) is over: it will never be called; `ahead` means nothing then. */
  expired: z.boolean(),
  /** The phone page's header (absent from servers before issue 19). */
  centerName: z.string().optional(),
  recalls: z.number().int().nonnegative().optional(),
  onMyWayAt: IsoDateTime.nullable().optional(),
  /** A booked ticket's slot start (issue 21); absent for a walk-in. */
  bookedFor: IsoDateTime.nullable().optional(),
  /** A transferred ticket's new number: the phone page follows it (the same citizen holds both). */
  transferredTo: z
    .object({ number: z.string(), serviceName: z.string(), trackingCode: z.string() })
    .nullable()
    .optional(),
  /**
   * The dossier the ticket is linked to (a returns ticket taken after a lookup, a dossier received at the counter),
   * as the center's register has it: the lookup's state (the page says it in the kiosk's and /h/'s words), the
   * appointment, and whether the result waits at the center. Never its code, the province's reason or anything
   * personal; absent for a ticket without a dossier in the register.
   */
  dossier: z
    .object({ state: DossierFoundState, appointmentAt: IsoDateTime.nullable(), ready: z.boolean() })
    .optional(),
});
export type PublicTicket = z.infer<typeof PublicTicket>;

export const TransferBody = z
  .object({
    serviceId: Id,
    /** What the next officer should know ("đã kiểm tra giấy tờ"); no personal data beyond what service needs. */
    note: Text(200, { multiline: true }).nullable().optional(),
  })
  .strict();
export type TransferBody = z.infer<typeof TransferBody>;

export const FinishBody = z
  .object({
    outcome: FinishOutcome,
    dossier: z
      .object({
        /**
         * Typed or scanned from the provincial software (see `parseDossierCode`). May be left out of a received
         * dossier when the center generates codes (`CounterQueue.dossierCodes` = "generated"); a returned one
         * always names the dossier it returns.
         */
        code: DossierCode.optional(),
        procedureId: Id.nullable().optional(),
        appointmentAt: IsoDateTime.nullable().optional(),
        /**
         * The owner's ID number or phone when the kiosk took none (issue 18): the register keeps only their last
         * 4 digits, which the citizen later proves the dossier is theirs with. Nothing else of them is stored.
         */
        owner: z
          .object({
            idNumber: IdNumber.optional(),
            phone: Phone.optional(),
          })
          .strict()
          .optional(),
        /** A returned result: who collected it and the originals handed back. */
        return: ReturnDetails.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type FinishBody = z.infer<typeof FinishBody>;

/** Server-side printing of a ticket to the kiosk's printer. A fault is a normal reply: the kiosk shows the number on screen. */
export const PrintReply = z.object({
  printed: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type PrintReply = z.infer<typeof PrintReply>;

/**
 * The Mẫu 01 receipt-and-appointment slip of a received dossier, printed on the counter's printer. Everything
 * is optional: the applicant's name defaults to the ticket's consented intake, the processing time to the
 * procedure's; the appointment is the dossier's own.
 */
export const ReceiptBody = z
  .object({
    applicantName: Text(120).optional(),
    applicantAddress: Text(200).optional(),
    /** Documents received, one per line as printed. */
    documents: z.array(Text(200)).max(30).optional(),
    /** e.g. "05 ngày làm việc". */
    processingTime: Text(80).optional(),
  })
  .strict();
export type ReceiptBody = z.infer<typeof ReceiptBody>;
export type ReceiptInput = z.input<typeof ReceiptBody>;

export const CallNextReply = z.object({ ticket: Ticket });
export type CallNextReply = z.infer<typeof CallNextReply>;

// ---------- counters ----------

export const Counter = z.object({
  id: Id,
  number: z.number().int().positive(),
  name: z.string(),
  serviceIds: z.array(Id),
  status: CounterStatus,
  officerId: Id.nullable(),
  /** The officer's name as on the counter's nameplate (shown to citizens on the counter-top screen). */
  officerName: z.string().nullable(),
  /** Why the counter is paused ("Nghỉ giải lao"); null when not paused. */
  pauseReason: z.string().nullable(),
  currentTicketId: Id.nullable(),
});
export type Counter = z.infer<typeof Counter>;

export const CounterInput = z
  .object({
    number: z.number().int().min(1).max(999),
    name: Text(60),
    /** Services in order of preference; the counter serves the first that has someone waiting. */
    serviceIds: z
      .array(Id)
      .min(1)
      .max(20)
      .refine((ids) => new Set(ids).size === ids.length, 'each service once'),
  })
  .strict();
export type CounterInput = z.infer<typeof CounterInput>;

export const PauseBody = z
  .object({
    paused: z.boolean(),
    /** Shown on the counter's screens while paused; ignored when resuming. */
    reason: Text(80).nullable().optional(),
  })
  .strict();

export const CounterQueue = z.object({
  counter: Counter,
  current: Ticket.nullable(),
  /** The tickets this counter would call, in the order it would call them (at most 200). */
  waiting: z.array(Ticket),
  /** All tickets waiting for this counter's services, also those beyond the list. */
  waitingTotal: z.number().int().nonnegative(),
  /** How many times a called ticket may be recalled. */
  recallLimit: z.number().int().nonnegative(),
  /** "generated": a received dossier may be finished without a code, the server gives it the next one. */
  dossierCodes: DossierCodeSource,
});
export type CounterQueue = z.infer<typeof CounterQueue>;

/** An officer moves their session to another counter (confirming the seat at sign-in). */
export const SeatBody = z.object({ counterId: Id }).strict();

// ---------- auth, users, devices ----------

export const LoginBody = z
  .object({
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
    /**
     * Officers sign in at a counter; omitted = their usual counter; null = not seated yet (the console signs in
     * first, then the officer confirms a counter with `POST /api/auth/seat`).
     */
    counterId: Id.nullable().optional(),
  })
  .strict();

export const User = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: Role,
  /** The counter this session is seated at. */
  counterId: Id.nullable(),
  /** The officer's usual counter (offered first when they confirm where they sit). */
  homeCounterId: Id.nullable(),
});
export type User = z.infer<typeof User>;

export const LoginReply = z.object({ token: z.string(), expiresAt: IsoDateTime, user: User });
export type LoginReply = z.infer<typeof LoginReply>;

export const UserInput = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[a-z0-9._-]{3,64}$/),
    displayName: Text(120),
    password: z.string().min(10).max(256),
    role: Role,
    counterId: Id.nullable().optional(),
  })
  .strict();

/**
 * First run: whether the server still waits for its first admin (`GET /api/setup`, public), and the body that
 * creates that admin with the one-time setup code printed on the server's console (`POST /api/setup`).
 */
export const SetupStatus = z.object({ needed: z.boolean() });
export type SetupStatus = z.infer<typeof SetupStatus>;

export const SetupBody = z
  .object({
    /** As printed on the console (`ABCD-EFGH-JKLM`); case, spaces and dashes do not matter. */
    code: z.string().trim().min(1).max(64),
    username: UserInput.shape.username,
    displayName: UserInput.shape.displayName,
    password: UserInput.shape.password,
  })
  .strict();
export type SetupBody = z.infer<typeof SetupBody>;

export const Device = z.object({
  id: Id,
  kind: DeviceKind,
  name: z.string(),
  counterId: Id.nullable(),
  createdAt: IsoDateTime,
  revokedAt: IsoDateTime.nullable(),
});
export type Device = z.infer<typeof Device>;

export const DeviceInput = z
  .object({ kind: DeviceKind, name: Text(80), counterId: Id.nullable().optional() })
  .strict();
/** The token is shown once, at registration; the server keeps only its hash. */
export const DeviceRegistered = z.object({ device: Device, token: z.string() });

// ---------- admin: catalogue, backup ----------

export const CatalogueImportBody = z
  .object({
    format: z.enum(['csv', 'json']),
    /** The file's text (UTF-8). */
    content: z.string().min(1).max(20_000_000),
    /** Agency name (as in the file) → service code; unmapped agencies fall back to the field/agency rules. */
    agencyMap: z.record(z.string(), z.string()).optional(),
    /** Validate and report only. */
    dryRun: z.boolean().default(false),
  })
  .strict();

export const CatalogueImportReport = z.object({
  rows: z.number().int(),
  imported: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  unmapped: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), code: z.string().nullable(), message: z.string() })),
  byService: z.record(z.string(), z.number().int()),
  /**
   * Agencies (as written in the file, trimmed) of the rows no rule mapped to a service, most rows first, at most
   * 200: the keys an `agencyMap` takes. Rows without an agency are counted in `unmapped` only.
   */
  unmappedAgencies: z.array(z.object({ agency: z.string(), count: z.number().int().positive() })),
  dryRun: z.boolean(),
});
export type CatalogueImportReport = z.infer<typeof CatalogueImportReport>;

/** The provincial outbox as the admin sees it: no personal data. */
export const OutboxQuery = z.object({
  filter: z.enum(['pending', 'delivered', 'dead', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const OutboxItem = z.object({
  id: Id,
  ticketId: Id,
  ticketNumber: z.string(),
  dossierCode: z.string(),
  /** pending: waits for delivery; delivered: the province has it; dead: given up until an admin retries it. */
  state: z.enum(['pending', 'delivered', 'dead']),
  createdAt: IsoDateTime,
  /** Failed deliveries so far. */
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: IsoDateTime,
  lastAttemptAt: IsoDateTime.nullable(),
  deliveredAt: IsoDateTime.nullable(),
  lastError: z.string().nullable(),
  deadAt: IsoDateTime.nullable(),
  deadReason: z.string().nullable(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;
/** How the queue server sees the provincial system right now (off: no PROVINCIAL_URL). */
export const ProvinceHealth = UpstreamHealth;
export type ProvinceHealth = UpstreamHealth;
export const OutboxReply = z.object({
  /** Records waiting for delivery (dead letters not included). */
  pending: z.number().int().nonnegative(),
  counts: z.object({
    pending: z.number().int().nonnegative(),
    delivered: z.number().int().nonnegative(),
    dead: z.number().int().nonnegative(),
  }),
  oldestPendingAt: IsoDateTime.nullable(),
  oldestPendingAgeSeconds: z.number().int().nonnegative().nullable(),
  province: ProvinceHealth,
  items: z.array(OutboxItem),
});
export type OutboxReply = z.infer<typeof OutboxReply>;

/** The audit log for the admin: who changed the center's configuration or the outbox, newest first. */
export const AuditQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });
export const AuditEntry = z.object({
  id: Id,
  at: IsoDateTime,
  userId: Id.nullable(),
  /** The staff account that did it (null for the server itself or a removed account). */
  username: z.string().nullable(),
  action: z.string(),
  /** What changed: ids, counts, before → after of configuration; never a citizen's data, a password or a token. */
  detail: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const OutboxRetryAllReply = z.object({ retried: z.number().int().nonnegative() });

export const BackupReply = z.object({ file: z.string(), bytes: z.number().int(), at: IsoDateTime });
export type BackupReply = z.infer<typeof BackupReply>;

export const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  time: IsoDateTime,
  day: z.string(),
  uptimeSeconds: z.number(),
  /** The database took the health probe's write (a 503 answers when it did not). */
  database: z.object({ writable: z.boolean() }),
  /** Free space of DATA_DIR's file system; null when the system does not say. Below `minFreeBytes`: 503. */
  disk: z.object({ freeBytes: z.number().nullable(), minFreeBytes: z.number() }),
  /** The systems this server sends to, as it sees them now (off: not set up). */
  upstreams: z.object({
    province: UpstreamHealth,
    hub: HubLinkHealth,
    /** The province's catalogue pulled from the hub (issue 20): a failing pull leaves the last one in use. */
    hubCatalogue: ProvinceCatalogueStatus,
  }),
});
export type Health = z.infer<typeof Health>;
