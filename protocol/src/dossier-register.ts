import { z } from 'zod';
import { DossierCode } from './dossier.js';
import { Id, IdNumber, IsoDateTime } from './scalars.js';
import { Text } from './text.js';

/**
 * The dossier after the counter (issue 18): what the province says of a dossier, the center's register of the
 * dossiers it received or returns, and what a citizen learns at the kiosk or on a phone. Status codes and
 * channels are those of Circular 03/2025 (TrangThaiHoSo, KenhThucHien).
 */

/** TrangThaiHoSo: 1 new … 10 result returned. */
export const DossierStatusCode = z.number().int().min(1).max(10);
export type DossierStatusCode = z.infer<typeof DossierStatusCode>;

/** The statuses by name, for code that decides by them. */
export const DOSSIER_STATUS_CODES = {
  new: 1,
  received: 2,
  notReceived: 3,
  processing: 4,
  supplementRequested: 5,
  paymentRequired: 6,
  withdrawn: 7,
  stopped: 8,
  processed: 9,
  returned: 10,
} as const;

/** How each status reads to a citizen and an officer, Vietnamese first. */
export const DOSSIER_STATUS_LABELS: Record<number, { vi: string; en: string }> = {
  1: { vi: 'Mới', en: 'New' },
  2: { vi: 'Đã tiếp nhận', en: 'Received' },
  3: { vi: 'Không tiếp nhận', en: 'Not received' },
  4: { vi: 'Đang giải quyết', en: 'In progress' },
  5: { vi: 'Cần bổ sung hồ sơ', en: 'Supplement requested' },
  6: { vi: 'Chờ nộp phí, lệ phí', en: 'Payment required' },
  7: { vi: 'Đã rút hồ sơ', en: 'Withdrawn' },
  8: { vi: 'Dừng giải quyết', en: 'Stopped' },
  9: { vi: 'Đã có kết quả', en: 'Result ready' },
  10: { vi: 'Đã trả kết quả', en: 'Result returned' },
};

/** KenhThucHien: 1 in person, 2 online, 3 public postal service. */
export const DossierChannel = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type DossierChannel = z.infer<typeof DossierChannel>;

/** `yyyyMMddHHmmss`, Vietnam time (the national format). */
export const CompactDateTime = z.string().regex(/^\d{14}$/);

/**
 * A dossier's status as the province answers `GET ${PROVINCIAL_URL}/dossiers/{MaHoSo}` and pushes it to
 * `POST /api/provincial/status` (DESIGN.md, "Provincial status"). Unknown extra fields are ignored.
 */
export const ProvincialStatus = z.object({
  MaHoSo: DossierCode,
  TrangThaiHoSo: DossierStatusCode,
  NgayHenTra: CompactDateTime.nullable(),
  NgayCoKetQua: CompactDateTime.nullable().optional(),
  /** Where the result is collected, as the province words it. */
  NoiTraKetQua: z.string().max(300).nullable().optional(),
  /** Why (a supplement requested, a refusal, an extension). */
  LyDo: z.string().max(1000).nullable().optional(),
});
export type ProvincialStatus = z.infer<typeof ProvincialStatus>;

/** Where the last known status came from. */
export const StatusSource = z.enum(['counter', 'push', 'pull']);
export type StatusSource = z.infer<typeof StatusSource>;

/** Who collected a result: the owner, or a person they authorised (name and ID kept under the intake retention). */
export const Collector = z.enum(['owner', 'authorised']);
export type Collector = z.infer<typeof Collector>;

/** One dossier of the center's register as staff read it. */
export const DossierRecord = z.object({
  code: z.string(),
  procedureId: Id.nullable(),
  procedureName: z.string().nullable(),
  serviceId: Id.nullable(),
  serviceName: z.string().nullable(),
  channel: DossierChannel,
  receivedAt: IsoDateTime.nullable(),
  appointmentAt: IsoDateTime.nullable(),
  status: DossierStatusCode,
  statusSource: StatusSource,
  statusLearntAt: IsoDateTime,
  /** The province's reason (LyDo) and place of return (NoiTraKetQua), as it said them. */
  reason: z.string().nullable(),
  returnPlace: z.string().nullable(),
  resultReadyAt: IsoDateTime.nullable(),
  returnedAt: IsoDateTime.nullable(),
  collectedBy: Collector.nullable(),
  /** An authorised collector's name, while the intake retention keeps it. */
  collectorName: z.string().nullable(),
  originalsReturned: z.number().int().nonnegative().nullable(),
  receivingOfficer: z.string().nullable(),
  receivingTicketId: Id.nullable(),
  returnTicketId: Id.nullable(),
  /** Past its appointment without a result. */
  overdue: z.boolean(),
  /** Whether a citizen can prove ownership at the kiosk (the last 4 digits of an ID number or phone are known). */
  provable: z.boolean(),
});
export type DossierRecord = z.infer<typeof DossierRecord>;

/** The last 4 digits of the owner's ID number or phone: what a citizen proves a dossier is theirs with. */
export const DossierProof = z.string().regex(/^\d{4}$/);

export const DossierLookupBody = z
  .object({
    code: DossierCode,
    proof: DossierProof,
  })
  .strict();
export type DossierLookupBody = z.infer<typeof DossierLookupBody>;

/**
 * What a lookup found, in the words the kiosk and the phone page choose by:
 * - `ready`: the result waits at the center (take a returns ticket);
 * - `in_progress`: not ready; the appointment date says when;
 * - `supplement`: the province asks for more papers (`reason`; go to the receiving counter);
 * - `overdue`: past the appointment without a result (the center has been told);
 * - `returned`: already collected;
 * - `closed`: not received, withdrawn or stopped (`reason`);
 * - `unverifiable`: known, but nothing to prove ownership with: ask at the counter;
 * - `no_match`: no dossier of this center matches the code and the digits (also a wrong proof: a code alone
 *   reveals nothing);
 * - `other_center`: the code's agency is not this center's.
 */
export const DossierLookupState = z.enum([
  'ready',
  'in_progress',
  'supplement',
  'overdue',
  'returned',
  'closed',
  'unverifiable',
  'no_match',
  'other_center',
]);
export type DossierLookupState = z.infer<typeof DossierLookupState>;

/** The states of a dossier whose owner is known (proved at a lookup, or holding its ticket): what it is at. */
export const DossierFoundState = DossierLookupState.extract([
  'ready',
  'in_progress',
  'supplement',
  'overdue',
  'returned',
  'closed',
]);
export type DossierFoundState = z.infer<typeof DossierFoundState>;

/** A citizen's lookup answer: nothing personal beyond what they proved. */
export const DossierLookup = z.object({
  code: z.string(),
  state: DossierLookupState,
  /** Null for `no_match` and `other_center`. */
  status: DossierStatusCode.nullable(),
  procedureName: z.string().nullable(),
  appointmentAt: IsoDateTime.nullable(),
  resultReadyAt: IsoDateTime.nullable(),
  returnPlace: z.string().nullable(),
  reason: z.string().nullable(),
  /** When the status was learnt; `fresh` = just now from the province, else the register's (shown "cập nhật lúc HH:mm"). */
  learntAt: IsoDateTime.nullable(),
  fresh: z.boolean(),
  /** The service a ticket should be taken for (returns, or the receiving one to ask); null when none is open. */
  ticketServiceId: Id.nullable(),
  ticketServiceName: z.string().nullable(),
});
export type DossierLookup = z.infer<typeof DossierLookup>;

/** The counter's "Trả kết quả": who collected, and the originals handed back. */
export const ReturnDetails = z
  .object({
    collectedBy: Collector,
    /** Required for an authorised person (with consent); never for the owner. */
    collectorName: Text(120).optional(),
    collectorIdNumber: IdNumber.optional(),
    consent: z.literal(true).optional(),
    originalsReturned: z.number().int().min(0).max(100),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.collectedBy === 'authorised' && (!v.collectorName || v.consent !== true)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'Người được ủy quyền cần họ tên và sự đồng ý lưu thông tin / An authorised person needs a name and consent',
        path: ['collectorName'],
      });
    }
  });
export type ReturnDetails = z.infer<typeof ReturnDetails>;

/** The admin's lists of the register. */
export const DossierView = z.enum([
  'due-today',
  'due-tomorrow',
  'overdue',
  'uncollected',
  'returned-late',
  'all',
]);
export type DossierView = z.infer<typeof DossierView>;

/**
 * Decision 766's "tiến độ giải quyết" as far as the center's data reaches, for a range of days: dossiers received;
 * results returned early, on time, late; still in progress within time or overdue.
 */
export const DossierProgress = z.object({
  received: z.number().int().nonnegative(),
  returnedEarly: z.number().int().nonnegative(),
  returnedOnTime: z.number().int().nonnegative(),
  returnedLate: z.number().int().nonnegative(),
  inProgressOnTime: z.number().int().nonnegative(),
  inProgressOverdue: z.number().int().nonnegative(),
  /** (early + on time) / returned, 0..1; null with nothing returned. */
  onTimeRate: z.number().min(0).max(1).nullable(),
});
export type DossierProgress = z.infer<typeof DossierProgress>;
