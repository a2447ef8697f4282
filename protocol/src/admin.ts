import { z } from 'zod';
import { AGENCY_ID_PATTERN } from './dossier.js';
import { CounterStatus, DeviceKind, Role } from './enums.js';
import { PrinterFaultMode, PrinterState } from './kiosk.js';
import { ReportDay } from './reports.js';
import { Device, Id, IsoDateTime, ProvinceHealth, User, UserInput } from './rest.js';
import { AnnounceSettings } from './screens.js';
import { Text } from './text.js';

// ---------- admin: officers ----------

/** An account as the admin sees it: `active` false = disabled (cannot sign in, sessions ended). */
export const AdminUser = User.extend({ active: z.boolean() });
export type AdminUser = z.infer<typeof AdminUser>;

/** `PUT /api/admin/users/:id`: everything but the username and the password. */
export const UserUpdate = z
  .object({
    displayName: UserInput.shape.displayName,
    role: Role,
    counterId: Id.nullable(),
    active: z.boolean(),
  })
  .strict();
export type UserUpdate = z.infer<typeof UserUpdate>;

/** `POST /api/admin/users/:id/password`: a new password set by the admin; the user's sessions end. */
export const PasswordReset = z.object({ password: UserInput.shape.password }).strict();
export type PasswordReset = z.infer<typeof PasswordReset>;

// ---------- admin: the center's settings ----------

/** Vietnam days `yyyy-MM-dd`, at most a year's worth; kept sorted, each once. */
const DayList = z
  .array(ReportDay)
  .max(366)
  .transform((days) => [...new Set(days)].sort());

/**
 * What the admin can change without a restart (`GET`/`PUT /api/admin/settings`). The server's environment gives
 * the defaults; a saved value wins over it and takes effect at once on the screens it concerns.
 */
export const CenterSettings = z
  .object({
    centerName: Text(200),
    /** The provincial agency identifier (xxx.yy.zz.Hnn); null = officers type or scan dossier codes. */
    agencyId: z.string().trim().regex(AGENCY_ID_PATTERN).nullable(),
    announce: AnnounceSettings,
    /** The scrolling notice at the bottom of lobby displays; empty = none. */
    // Typed in a textarea; the lobby's ticker shows its line breaks as spaces.
    notice: Text(500, { allowEmpty: true, multiline: true }),
    /** Days a citizen's intake data is kept before it is erased. */
    intakeRetentionDays: z.number().int().min(1).max(3650),
    /** Priority mix: at most this many priority tickets are called in a row while others wait. */
    maxPriorityInRow: z.number().int().min(1).max(20),
    /** Seconds the counter-top screen asks for a rating. */
    ratingSeconds: z.number().int().min(5).max(300),
    /** What a kiosk does while its printer cannot print. */
    printerFaultMode: PrinterFaultMode,
    /** Working days a ready result may wait uncollected before the floor monitor raises it. */
    uncollectedAlertDays: z.number().int().min(1).max(60).default(3),
    /**
     * The service a citizen whose result is ready takes a ticket for (issue 18); null = the service that received
     * the dossier. Left out of a save = null.
     */
    returnsServiceId: Id.nullable().default(null),
    /**
     * Days off although Monday to Friday (Tết, national holidays), and days worked although Saturday or Sunday
     * (make-up working days): the working days dossier deadlines count ("due tomorrow", uncollected, the
     * status refresh's horizon). A day in both is worked.
     */
    holidays: DayList.default([]),
    workdays: DayList.default([]),
  })
  .strict();
export type CenterSettings = z.infer<typeof CenterSettings>;

/**
 * `CenterSettings` as the server sends it: already trimmed and in NFC, so the input's one-way transforms (which a
 * reply cannot be encoded through) give way to plain strings of the same shape.
 */
export const CenterSettingsReply = z
  .object({
    centerName: z.string(),
    agencyId: z.string().nullable(),
    announce: AnnounceSettings,
    notice: z.string(),
    intakeRetentionDays: z.number().int(),
    maxPriorityInRow: z.number().int(),
    ratingSeconds: z.number().int(),
    printerFaultMode: PrinterFaultMode,
    uncollectedAlertDays: z.number().int(),
    returnsServiceId: z.number().int().nullable(),
    holidays: z.array(z.string()),
    workdays: z.array(z.string()),
  })
  .strict() satisfies z.ZodType<CenterSettings>;

// ---------- admin: devices ----------

/** A device as the admin sees it: when it was last connected, and its printer when it has one. */
export const AdminDevice = Device.extend({
  online: z.boolean(),
  lastSeenAt: IsoDateTime.nullable(),
  /** A kiosk's printer state (its own printer as it reported it, or the server's ticket printer); null otherwise. */
  printer: PrinterState.nullable(),
});
export type AdminDevice = z.infer<typeof AdminDevice>;

/**
 * The answer to registering a device: its token, shown once, and the page that pairs it — as a link with the
 * token in the fragment (never sent to a server) and as a QR code (SVG) to scan from the device.
 */
export const DevicePairing = z.object({
  device: AdminDevice,
  token: z.string(),
  pairUrl: z.string(),
  qrSvg: z.string(),
});
export type DevicePairing = z.infer<typeof DevicePairing>;

// ---------- supervisors: the live floor ----------

export const FloorService = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  waiting: z.number().int().nonnegative(),
  waitingPriority: z.number().int().nonnegative(),
  /** When the longest-waiting ticket joined the queue (null = nobody waits): the screen counts up from it. */
  longestWaitingSince: IsoDateTime.nullable(),
  estimatedWaitMinutes: z.number().int().nonnegative(),
  openCounters: z.number().int().nonnegative(),
  issuing: z.boolean(),
  notIssuingReason: z.enum(['closed', 'cap', 'inactive']).nullable(),
  issuedToday: z.number().int().nonnegative(),
  servedToday: z.number().int().nonnegative(),
});
export type FloorService = z.infer<typeof FloorService>;

export const FloorCounter = z.object({
  id: Id,
  number: z.number().int().positive(),
  name: z.string(),
  status: CounterStatus,
  /** Serving = open with a called or served ticket. */
  serving: z.boolean(),
  currentNumber: z.string().nullable(),
  officerName: z.string().nullable(),
  pauseReason: z.string().nullable(),
  /** Since when the counter has been in this state (serving: since the call; paused: since the pause). */
  since: IsoDateTime.nullable(),
  servedToday: z.number().int().nonnegative(),
});
export type FloorCounter = z.infer<typeof FloorCounter>;

/** Something a supervisor must act on; the text is bilingual and says what to do. */
export const FloorAlert = z.object({
  kind: z.enum([
    'device-offline',
    'printer',
    'outbox',
    'province',
    'hub',
    'storage',
    'kiosk-too-fast',
    'sign-in-surge',
    'dossiers-overdue',
    'results-uncollected',
    // Issue 22: feedback cases past a due date, or within `soonDays` working days of one (counts only).
    'feedback-overdue',
    'feedback-due-soon',
  ]),
  severity: z.enum(['warning', 'danger']),
  deviceId: Id.nullable(),
  vi: z.string(),
  en: z.string(),
  since: IsoDateTime.nullable(),
});
export type FloorAlert = z.infer<typeof FloorAlert>;

export const FloorDevice = z.object({
  id: Id,
  kind: DeviceKind,
  name: z.string(),
  counterId: Id.nullable(),
  online: z.boolean(),
  lastSeenAt: IsoDateTime.nullable(),
  printer: PrinterState.nullable(),
});
export type FloorDevice = z.infer<typeof FloorDevice>;

/**
 * The whole floor, sent on the `/admin` stream as `floor` on connect and whenever it changes (coalesced), so
 * the monitor never polls. Public and operational data only: no citizen's name, phone or ID number.
 */
export const FloorState = z.object({
  at: IsoDateTime,
  day: z.string(),
  services: z.array(FloorService),
  counters: z.array(FloorCounter),
  devices: z.array(FloorDevice),
  outbox: z.object({
    pending: z.number().int().nonnegative(),
    dead: z.number().int().nonnegative(),
    oldestPendingAt: IsoDateTime.nullable(),
    province: ProvinceHealth.shape.state,
  }),
  alerts: z.array(FloorAlert),
});
export type FloorState = z.infer<typeof FloorState>;
