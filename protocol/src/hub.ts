import { z } from 'zod';
import { CounterStatus, FinishOutcome, Rating, RatingReason } from './enums.js';
import type { ErrorCode } from './errors.js';
import { HubFloorParams, HubOverview, HubOverviewQuery, HubSiteFloor } from './hub-live.js';
import { HUB_ACCOUNT_ENDPOINTS, type HubWho } from './hub-accounts.js';
import { HUB_CATALOGUE_ENDPOINTS } from './hub-catalogue.js';
import { HubReportQuery, HubReportReply } from './hub-reports.js';
import { IsoDateTime } from './scalars.js';
import { SiteCode } from './hub-scalars.js';

/**
 * Site → province hub (issue 20): the facts a site sends and the batch that carries them. No personal data, by
 * construction: every fact schema is strict (an extra field such as `name` or `phone` is refused, not dropped), and
 * its fields are codes, numbers and times only — no names, phones, ID numbers or free text.
 */

/** Most facts in one batch: a week's backlog goes as many batches, each committed and acknowledged on its own. */
export const MAX_BATCH_FACTS = 500;

// Apart, so the admin's contract (hub-accounts.ts) can use it without importing this module back.
export { SiteCode } from './hub-scalars.js';
/** The ticket's number as printed (e.g. "A012"). */
const TicketNumber = z.string().regex(/^[A-Z0-9-]{1,12}$/);
/** A service's code in the site's catalogue (e.g. "HT"). */
const ServiceCode = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/);
const CounterNumber = z.number().int().positive().max(999);
const Seconds = z
  .number()
  .int()
  .nonnegative()
  .max(7 * 24 * 3600);
const DayString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Per site, gapless, in the order the site committed them: the hub orders by seq, never by a site's clock. */
const base = { seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER), at: IsoDateTime };
const ticket = { ticket: TicketNumber, service: ServiceCode };

export const HubFact = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('issued'), ...base, ...ticket }),
  z.strictObject({ kind: z.literal('called'), ...base, ...ticket, counter: CounterNumber }),
  z.strictObject({ kind: z.literal('recalled'), ...base, ...ticket, counter: CounterNumber }),
  z.strictObject({ kind: z.literal('no_show'), ...base, ...ticket, counter: CounterNumber.optional() }),
  /** Left the queue from the phone page before being called. */
  z.strictObject({ kind: z.literal('cancelled'), ...base, ...ticket }),
  z.strictObject({
    kind: z.literal('transferred'),
    ...base,
    ...ticket,
    counter: CounterNumber,
    toService: ServiceCode,
    /** The number the citizen has in the new service's queue (their place by the original issue time). */
    toTicket: TicketNumber,
  }),
  z.strictObject({
    kind: z.literal('finished'),
    ...base,
    ...ticket,
    counter: CounterNumber,
    outcome: FinishOutcome,
    /** From issue to first call, and from call to finish. */
    waitSeconds: Seconds,
    serviceSeconds: Seconds,
  }),
  z.strictObject({
    kind: z.literal('rating'),
    ...base,
    ...ticket,
    counter: CounterNumber,
    rating: Rating,
    reasons: z.array(RatingReason).max(5).optional(),
  }),
  z.strictObject({ kind: z.literal('counter'), ...base, counter: CounterNumber, status: CounterStatus }),
  z.strictObject({
    kind: z.literal('fault'),
    ...base,
    device: z.enum(['kiosk', 'display', 'counter', 'printer']),
    /** The site's device id and a fault code, never a message text. */
    deviceId: z.number().int().positive(),
    code: z.string().regex(/^[a-z0-9_-]{1,40}$/),
    cleared: z.boolean(),
  }),
  z.strictObject({
    kind: z.literal('dossier'),
    ...base,
    /** The register's dossier code (MaHoSo) and its new status code: no citizen data travels with them. */
    dossier: z.string().regex(/^[A-Za-z0-9.-]{1,40}$/),
    status: z.string().regex(/^[a-z0-9_-]{1,30}$/),
    service: ServiceCode.optional(),
    /** The due day of the result (NgayHenTra as a Vietnam day), when the register has one: on-time returns. */
    due: DayString.optional(),
  }),
  z.strictObject({
    kind: z.literal('daily_totals'),
    ...base,
    /** The site's own report of a closed day, to compare with what the hub summed. */
    day: DayString,
    service: ServiceCode,
    issued: z.number().int().nonnegative(),
    served: z.number().int().nonnegative(),
    noShow: z.number().int().nonnegative(),
    cancelled: z.number().int().nonnegative(),
  }),
]);
export type HubFact = z.infer<typeof HubFact>;
export type HubFactKind = HubFact['kind'];

export const HubBatch = z
  .strictObject({
    site: SiteCode,
    firstSeq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    lastSeq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    facts: z
      .array(HubFact)
      .min(1)
      .max(MAX_BATCH_FACTS, {
        message: `Một lô tối đa ${MAX_BATCH_FACTS} sự kiện / At most ${MAX_BATCH_FACTS} facts per batch`,
      }),
  })
  .superRefine((b, ctx) => {
    const contiguous =
      b.lastSeq - b.firstSeq + 1 === b.facts.length && b.facts.every((f, i) => f.seq === b.firstSeq + i);
    if (!contiguous) {
      ctx.addIssue({
        code: 'custom',
        path: ['facts'],
        message:
          'Số thứ tự của các sự kiện phải liên tục từ firstSeq đến lastSeq / ' +
          "The facts' seqs must run exactly from firstSeq to lastSeq",
      });
    }
  });
export type HubBatch = z.infer<typeof HubBatch>;

/** Sent only after the batch committed: everything up to `acknowledged` is in the hub, the site may drop it. */
export const HubBatchReply = z.strictObject({ acknowledged: z.number().int().nonnegative() });
export type HubBatchReply = z.infer<typeof HubBatchReply>;

/**
 * A site's sign of life when it has nothing to send (and after each batch): the hub marks a site silent past a few
 * minutes, never calm. `backlog` = facts written and not yet acknowledged, so a catching-up site shows as such.
 */
export const HubHeartbeat = z.strictObject({
  site: SiteCode,
  backlog: z.number().int().nonnegative(),
  /** The site's clock, to show a skewed one; the hub never orders by it. */
  at: IsoDateTime,
});
export type HubHeartbeat = z.infer<typeof HubHeartbeat>;
export const HubHeartbeatReply = z.strictObject({ acknowledged: z.number().int().nonnegative() });
export type HubHeartbeatReply = z.infer<typeof HubHeartbeatReply>;

// The hub's accounts (roles, sign-in, the admin's endpoints) are declared in hub-accounts.ts.
export * from './hub-accounts.js';
// What the province pushes down to sites (Deliver 3).
export * from './hub-catalogue.js';

export interface HubEndpointDef {
  readonly method: 'GET' | 'POST';
  readonly path: `/${string}`;
  readonly summary: string;
  /** Who may call it (unset: a site, with its key). */
  readonly who?: HubWho;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly reply: { readonly 200: z.ZodType };
  readonly errors: readonly ErrorCode[];
  readonly bodyLimit?: number;
}

/**
 * The hub's one endpoint so far. Not an entry of `endpoints/`: that table is the queue server's — its `who` speaks
 * of center roles and device kinds, the server registers every entry of it with those guards, and the fuzz test and
 * OpenAPI document walk it against the queue server. The hub authenticates a site key instead
 * (`Authorization: Bearer <key>`), so its contract is declared here in the same shape, apart.
 */
export const HUB_ENDPOINTS = {
  hubBatch: {
    method: 'POST',
    path: '/api/hub/batches',
    summary:
      "A site's facts, in seq order; acknowledged after commit. A batch wholly at or below the acknowledged seq is " +
      'a resend: answered with the current acknowledgement, nothing stored.',
    body: HubBatch,
    reply: { 200: HubBatchReply },
    errors: [
      'LAYSO_VALIDATION',
      'LAYSO_BAD_JSON',
      'LAYSO_UNSUPPORTED_MEDIA',
      'LAYSO_BODY_TOO_LARGE',
      'LAYSO_HUB_SITE_KEY',
      'LAYSO_HUB_SITE_REVOKED',
      'LAYSO_HUB_SITE_MISMATCH',
      'LAYSO_HUB_SEQ_GAP',
      'LAYSO_HUB_UNAVAILABLE',
      'LAYSO_NOT_FOUND',
      'LAYSO_INTERNAL',
    ],
    /** 500 facts of a few hundred bytes each, with room. */
    bodyLimit: 1024 * 1024,
  },
  hubHeartbeat: {
    method: 'POST',
    path: '/api/hub/heartbeat',
    summary: "A site's sign of life and backlog; answered with the seq the hub has acknowledged for it.",
    body: HubHeartbeat,
    reply: { 200: HubHeartbeatReply },
    errors: [
      'LAYSO_VALIDATION',
      'LAYSO_BAD_JSON',
      'LAYSO_UNSUPPORTED_MEDIA',
      'LAYSO_HUB_SITE_KEY',
      'LAYSO_HUB_SITE_REVOKED',
      'LAYSO_HUB_SITE_MISMATCH',
      'LAYSO_HUB_UNAVAILABLE',
      'LAYSO_INTERNAL',
    ],
  },
  hubOverview: {
    method: 'GET',
    path: '/api/hub/overview',
    summary: 'The province at a glance: one live row per site the viewer may see, by worst wait or by name.',
    query: HubOverviewQuery,
    who: 'signed-in',
    reply: { 200: HubOverview },
    errors: [
      'LAYSO_VALIDATION',
      'LAYSO_UNAUTHENTICATED',
      'LAYSO_HUB_DB_UNAVAILABLE',
      'LAYSO_NOT_FOUND',
      'LAYSO_INTERNAL',
    ],
  },
  hubSiteFloor: {
    method: 'GET',
    path: '/api/hub/sites/:code/floor',
    summary:
      "One site's floor, read-only: its counters with their status and number, and who waits per service.",
    params: HubFloorParams,
    who: 'signed-in',
    reply: { 200: HubSiteFloor },
    errors: [
      'LAYSO_VALIDATION',
      'LAYSO_UNAUTHENTICATED',
      'LAYSO_HUB_DB_UNAVAILABLE',
      'LAYSO_NOT_FOUND',
      'LAYSO_INTERNAL',
    ],
  },
  ...HUB_ACCOUNT_ENDPOINTS,
  ...HUB_CATALOGUE_ENDPOINTS,
  hubReport: {
    method: 'GET',
    path: '/api/hub/reports',
    who: 'signed-in',
    summary:
      "The province's report over a range of days and a set of sites (those the viewer may see): totals, by site, " +
      'by service, weekday × hour, from the roll-ups. format=csv|xlsx answers a file (Vietnamese headings first).',
    query: HubReportQuery,
    reply: { 200: HubReportReply },
    errors: [
      'LAYSO_VALIDATION',
      'LAYSO_REPORT_RANGE_INVALID',
      'LAYSO_UNAUTHENTICATED',
      'LAYSO_FORBIDDEN',
      'LAYSO_HUB_DB_UNAVAILABLE',
      'LAYSO_NOT_FOUND',
      'LAYSO_INTERNAL',
    ],
  },
} as const satisfies Record<string, HubEndpointDef>;

export type HubEndpointName = keyof typeof HUB_ENDPOINTS;
/** What an endpoint of the hub answers with 200, for its clients. */
export type HubReplyOf<N extends HubEndpointName> = z.output<(typeof HUB_ENDPOINTS)[N]['reply'][200]>;
