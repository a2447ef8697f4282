import { z } from 'zod';
import {
  FEEDBACK_FILE_TYPES,
  FEEDBACK_LIMITS,
  FEEDBACK_ORIGINS,
  FEEDBACK_PROOF_PATTERN,
  normalizeFeedbackCode,
} from './feedback-input.js';
import { ConsentVersion } from './notices.js';
import { ReportDay } from './reports.js';
import { Id, IsoDateTime, Phone } from './scalars.js';
import { Text } from './text.js';

/**
 * Feedback and complaints (phản ánh, kiến nghị — Decree 20/2008 as amended; issue 22). A case starts at the kiosk,
 * on a phone (a ticket's page, the counter-top after "Không hài lòng", a poster) or with an officer or the help desk
 * on a citizen's behalf; it is logged in the register, classified, forwarded when outside the center's authority
 * (within `forwardDays` working days), answered (within `answerDays`), published or not, and closed. The citizen
 * follows it at `/pa/<code>`; its details need the last 4 digits of the phone given. Due dates are Vietnam days
 * counted in working days on the center's calendar (its holidays and make-up working days). The register's side
 * (cases, actions, report) is feedback-register.ts.
 */

export {
  FEEDBACK_FILE_TYPES,
  FEEDBACK_LIMITS,
  FEEDBACK_ORIGINS,
  FEEDBACK_PAGE,
  FEEDBACK_PAGE_PREFIX,
  FEEDBACK_PROOF_PATTERN,
  formatFeedbackCode,
  normalizeFeedbackCode,
} from './feedback-input.js';
export type { FeedbackFileType, FeedbackOrigin } from './feedback-input.js';

export const FeedbackCode = z
  .string()
  .max(20)
  .transform((s, ctx) => {
    const code = normalizeFeedbackCode(s);
    if (code === null) {
      ctx.addIssue({ code: 'custom', message: 'not a feedback code' });
      return z.NEVER;
    }
    return code;
  });
export const FeedbackCodeParam = z.object({ code: FeedbackCode });
export const FeedbackIdParam = z.object({ id: z.coerce.number().pipe(Id) });
export const FeedbackFileParams = z.object({
  id: z.coerce.number().pipe(Id),
  fileId: z.coerce.number().pipe(Id),
});

/** How the case reached the center. */
export const FeedbackChannel = z.enum(['kiosk', 'phone', 'officer', 'desk']);
export type FeedbackChannel = z.infer<typeof FeedbackChannel>;

/**
 * What the citizen says it is about (picked on the form): delay, harassment (gây phiền hà, sách nhiễu), rules not
 * applied as written, an officer's attitude, the rules themselves, a suggestion, something else.
 */
export const FeedbackTopic = z.enum([
  'delay',
  'harassment',
  'wrong-rules',
  'attitude',
  'rules',
  'suggestion',
  'other',
]);
export type FeedbackTopic = z.infer<typeof FeedbackTopic>;

/**
 * The register's classes (Decree 20): does not qualify, an officer's conduct, within the center's authority,
 * outside it (forwarded to the competent agency within `forwardDays` working days).
 */
export const FeedbackClass = z.enum([
  'not-qualified',
  'officer-conduct',
  'within-authority',
  'outside-authority',
]);
export type FeedbackClass = z.infer<typeof FeedbackClass>;

/**
 * new (received, not classified) → processing (classified, maybe assigned) → forwarded (outside authority, sent on;
 * it may still be answered when the agency replies) → answered (the citizen is told) → closed.
 * A case not qualifying may be answered (why) or closed at once.
 */
export const FeedbackStatus = z.enum(['new', 'processing', 'forwarded', 'answered', 'closed']);
export type FeedbackStatus = z.infer<typeof FeedbackStatus>;

/** How a case was forwarded (the record the law asks for): an official letter, e-mail, the national portal, other. */
export const ForwardMeans = z.enum(['letter', 'email', 'portal', 'other']);
export type ForwardMeans = z.infer<typeof ForwardMeans>;

// ---------- settings (admin) ----------

export const FeedbackSettings = z
  .object({
    /** Off: the kiosk hides its button and the phone form says where to give feedback in person. */
    enabled: z.boolean(),
    /** Working days after the day received by which a case outside the center's authority must be forwarded. */
    forwardDays: z.number().int().min(1).max(60),
    /** Working days after the day received by which a case must be answered. */
    answerDays: z.number().int().min(1).max(90),
    /** A case is "due soon" on the floor monitor this many working days before a due date. */
    soonDays: z.number().int().min(0).max(10),
    /**
     * Days after a case is answered or closed (whichever comes first) that the citizen's name, phone and attached
     * files are kept; then they are erased (the register keeps the case, its text and its answer). Longer than queue
     * intake's retention.
     */
    retentionDays: z.number().int().min(30).max(3650),
    /** Cases one kiosk may take in an hour (a prank at the kiosk is bounded). */
    perKioskPerHour: z.number().int().min(1).max(1000),
    /** Cases one phone number may send in a day. */
    perSenderPerDay: z.number().int().min(1).max(100),
    /**
     * Cases one network address may send in a day: higher, since a hall's guest Wi-Fi (or a carrier's NAT) puts many
     * citizens behind one address.
     */
    perAddressPerDay: z.number().int().min(1).max(10_000).default(30),
  })
  .strict()
  .refine((s) => s.forwardDays <= s.answerDays, {
    message:
      'Hạn chuyển không được dài hơn hạn trả lời / The forwarding time cannot be longer than the answer time',
    path: ['forwardDays'],
  });
export type FeedbackSettings = z.infer<typeof FeedbackSettings>;

/**
 * The defaults: 5 working days to forward (Decree 20 as amended), 10 to answer (a setting: the center's own rule),
 * due soon 2 working days ahead, personal data kept 5 years after closing.
 */
export const DEFAULT_FEEDBACK_SETTINGS: FeedbackSettings = {
  enabled: true,
  forwardDays: 5,
  answerDays: 10,
  soonDays: 2,
  retentionDays: 1825,
  perKioskPerHour: 20,
  perSenderPerDay: 5,
  perAddressPerDay: 30,
};

// ---------- a case starts ----------

const CaseText = Text(FEEDBACK_LIMITS.textChars, { multiline: true });
const PersonName = Text(FEEDBACK_LIMITS.nameChars);
/** A dossier's code as the citizen types it (checked loosely: it is a pointer for the staff, not a key). */
const DossierRef = Text(40);

/**
 * What every channel takes: a topic and the text; a name and a phone are optional (anonymous allowed, but then no
 * answer can be sent); giving either needs the consent to its use for this case (Decree 13/2023).
 */
const CaseFields = z.object({
  topic: FeedbackTopic,
  text: CaseText,
  name: PersonName.nullable().optional(),
  phone: Phone.nullable().optional(),
  /** The version of the consent text shown beside the name and phone fields. */
  consentVersion: ConsentVersion.nullable().optional(),
  dossierCode: DossierRef.nullable().optional(),
});

const needsConsent = (b: { name?: string | null; phone?: string | null; consentVersion?: string | null }) =>
  !((b.name || b.phone) && !b.consentVersion);
const CONSENT_MESSAGE =
  'Cần đồng ý cho dùng họ tên, số điện thoại để trả lời / Consent is needed to use the name and phone for the answer';

/** A file attached from a phone: its type and its bytes in base64 (at most FEEDBACK_LIMITS.fileBytes decoded). */
export const FeedbackUpload = z
  .object({
    type: z.enum(FEEDBACK_FILE_TYPES),
    data: z
      .string()
      .max(Math.ceil((FEEDBACK_LIMITS.fileBytes * 4) / 3) + 4)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/),
  })
  .strict();
export type FeedbackUpload = z.infer<typeof FeedbackUpload>;

/** From a phone (`/pa`): optionally the ticket it is about (its `/t/` code) and where the form was opened from. */
export const PublicFeedbackBody = CaseFields.extend({
  ticketCode: z.string().max(40).nullable().optional(),
  origin: z.enum(FEEDBACK_ORIGINS).nullable().optional(),
  files: z.array(FeedbackUpload).max(FEEDBACK_LIMITS.files).default([]),
})
  .strict()
  .refine(needsConsent, { message: CONSENT_MESSAGE, path: ['consentVersion'] });
export type PublicFeedbackBody = z.infer<typeof PublicFeedbackBody>;

/** At the kiosk (on-screen keyboard; no files). */
export const KioskFeedbackBody = CaseFields.strict().refine(needsConsent, {
  message: CONSENT_MESSAGE,
  path: ['consentVersion'],
});
export type KioskFeedbackBody = z.infer<typeof KioskFeedbackBody>;

/**
 * By an officer (from the console: the ticket being served is attached, and its counter) or the help desk, for a
 * citizen who speaks it; the staff member is recorded as who received it.
 */
export const StaffFeedbackBody = CaseFields.extend({
  ticketId: Id.nullable().optional(),
  counterId: Id.nullable().optional(),
  /** The department (service) and officer concerned, when the citizen says. */
  serviceId: Id.nullable().optional(),
  officerId: Id.nullable().optional(),
})
  .strict()
  .refine(needsConsent, { message: CONSENT_MESSAGE, path: ['consentVersion'] });
export type StaffFeedbackBody = z.infer<typeof StaffFeedbackBody>;

/** What the citizen is given: the code (shown `XXXX-XXXX`), its page and when an answer is due. */
export const FeedbackReceipt = z.object({
  code: z.string(),
  url: z.string(),
  /** The page's QR as an SVG (the kiosk shows it; the phone already is on the page). */
  qrSvg: z.string(),
  receivedAt: IsoDateTime,
  answerDueDay: ReportDay,
  /** False when no phone was given: the answer can only be read on the page (when published) or in person. */
  answerByNotice: z.boolean(),
});
export type FeedbackReceipt = z.infer<typeof FeedbackReceipt>;

/** What the form shows first: on or off, the consent text's version, the ticket it is about (no personal data). */
export const FeedbackOptionsQuery = z.object({ t: z.string().max(40).optional() });
export const FeedbackOptions = z.object({
  enabled: z.boolean(),
  centerName: z.string(),
  consentVersion: z.string(),
  /** The ticket of `?t=` when it is one of ours: number, service, counter that served it, when. */
  ticket: z
    .object({
      number: z.string(),
      serviceName: z.string(),
      counterName: z.string().nullable(),
      issuedAt: IsoDateTime,
    })
    .nullable(),
});
export type FeedbackOptions = z.infer<typeof FeedbackOptions>;

// ---------- the citizen's status page ----------

/** The proof that opens a case's details: the last 4 digits of the phone given with it. */
export const FeedbackLookupBody = z.object({ proof: z.string().regex(FEEDBACK_PROOF_PATTERN) }).strict();

/**
 * A case as its page shows it. With the code alone: its state, dates and the answer when published. With the proof:
 * also what was sent (topic, text) and the answer even when not published. Never the name, the phone or the
 * officer's name.
 */
export const PublicFeedback = z.object({
  code: z.string(),
  status: FeedbackStatus,
  receivedAt: IsoDateTime,
  answerDueDay: ReportDay,
  /** Forwarded to another agency: when, and to whom with the proof only (the citizen may follow it there). */
  forwardedTo: z.string().nullable(),
  forwardedAt: IsoDateTime.nullable(),
  answeredAt: IsoDateTime.nullable(),
  answer: z.string().nullable(),
  published: z.boolean(),
  /** Whether the details below were opened with the proof. */
  detailed: z.boolean(),
  topic: FeedbackTopic.nullable(),
  text: z.string().nullable(),
  /** Whether a phone was given (an anonymous case has no proof; its page shows the state only). */
  hasPhone: z.boolean(),
});
export type PublicFeedback = z.infer<typeof PublicFeedback>;
