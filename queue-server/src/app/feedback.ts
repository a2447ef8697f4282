import { randomInt } from 'node:crypto';
import {
  BOOKING_CODE_ALPHABET,
  formatFeedbackCode,
  FEEDBACK_CONSENT,
  type FeedbackChannel,
  type FeedbackOptions,
  type FeedbackReceipt,
  type FeedbackSettings,
  type KioskFeedbackBody,
  type PublicFeedback,
  type PublicFeedbackBody,
  type Role,
  type StaffFeedbackBody,
} from '@layso/protocol';
import type { FeedbackCaseRow, NewFeedbackCase, NewFeedbackFile } from '../db/feedback.js';
import type { Store } from '../db/store.js';
import { feedbackDueDays } from '../domain/feedback.js';
import { localPhone } from '../domain/phone.js';
import { serviceDay, toIso, vnInstant } from '../domain/time.js';
import type { Clock } from '../domain/types.js';
import type { WorkingCalendar } from '../domain/working-days.js';
import { fail } from '../errors.js';
import type { NoticePlanner } from '../notify/planner.js';
import type { FeedbackFileStore } from './feedback-file-store.js';
import { readFeedbackSettings } from './feedback-settings.js';
import { FeedbackRegister } from './feedback-register.js';
import { AttemptLimiter, DEFAULT_LOOKUP_LIMITS, type LookupLimits, type Window } from './lookup-limit.js';

export interface FeedbackServiceOptions {
  store: Store;
  clock: Clock;
  planner: NoticePlanner;
  /** The notice workers look at once (an answer was planned). */
  wake: () => void;
  publicUrl: () => string;
  centerName: () => string;
  calendar: () => WorkingCalendar;
  /** Attached pictures: checked, stripped and kept privately (app/feedback-file-store.ts). */
  files: Pick<FeedbackFileStore, 'prepare' | 'save' | 'remove'>;
  /** Wrong proofs per case and unknown codes/wrong proofs per address (LOOKUP_WRONG_PER_*). */
  limits?: LookupLimits;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Any status look-up, found or not, from one address (a page polled, a script walking codes). */
const STATUS_PER_SOURCE: Window = { max: 120, windowMs: 10 * 60_000 };

/** The receipt as the app gives it; the route adds the page's QR (an HTTP concern). */
export type FeedbackReceiptCore = Omit<FeedbackReceipt, 'qrSvg'>;

/** Where a staff member's case comes from: the signed-in user and their role. */
export interface StaffAuthor {
  id: number;
  role: Role;
}

/**
 * Feedback and complaints (issue 22), the citizen's side: the form's options, a case from the phone, the kiosk or a
 * staff member (attached to its ticket, counter, officer and dossier when known), its receipt, and its status page
 * (the code alone: its state; with the last 4 digits of its phone: what was sent and the answer). Every citizen
 * entry point is rate limited. The register's side is {@link FeedbackRegister} (`register`).
 */
export class FeedbackService {
  readonly register: FeedbackRegister;
  private readonly attempts: AttemptLimiter;
  private readonly limits: LookupLimits;

  constructor(private readonly o: FeedbackServiceOptions) {
    this.attempts = new AttemptLimiter(o.clock);
    this.limits = o.limits ?? DEFAULT_LOOKUP_LIMITS;
    this.register = new FeedbackRegister({
      store: o.store,
      clock: o.clock,
      planner: o.planner,
      wake: o.wake,
      calendar: o.calendar,
      settings: () => this.settings(),
    });
  }

  settings(): FeedbackSettings {
    return readFeedbackSettings(this.o.store);
  }

  /** The form's first screen: on or off, the consent's version, the ticket of `?t=` (no personal data). */
  options(ticketCode: string | undefined): FeedbackOptions {
    const { store } = this.o;
    const t = ticketCode ? store.tickets.byTracking(ticketCode) : null;
    const counter = t?.counterId ? store.counters.byId(t.counterId) : null;
    return {
      enabled: this.settings().enabled,
      centerName: this.o.centerName(),
      consentVersion: FEEDBACK_CONSENT.version,
      ticket: t
        ? {
            number: t.number,
            serviceName: store.catalogue.service(t.serviceId)?.name ?? '',
            counterName: counter?.name ?? null,
            issuedAt: toIso(t.issuedAt),
          }
        : null,
    };
  }

  /**
   * A case from a phone: limited per address (perAddressPerDay) and per phone (perSenderPerDay) a day; with a `/t/` code, attached to that ticket (its
   * service, counter, officer who served it and dossier). Files are checked and written first, then the case and
   * their rows in one transaction; a refused case leaves no file behind.
   */
  async createFromPhone(body: PublicFeedbackBody, address: string): Promise<FeedbackReceiptCore> {
    const s = this.settings();
    if (!s.enabled) fail('LAYSO_FEEDBACK_DISABLED');
    // Every attempt counts, taken or refused: a bad file costs the server its checking (a PDF is drawn). The
    // address's allowance is its own, higher one: a hall's guest Wi-Fi puts many citizens behind one address.
    if (!this.attempts.take(`create:${address}`, { max: s.perAddressPerDay, windowMs: DAY }))
      fail('LAYSO_FEEDBACK_LIMIT');
    const t = body.ticketCode ? this.o.store.tickets.byTracking(body.ticketCode) : null;
    if (body.ticketCode && !t) fail('LAYSO_TICKET_NOT_FOUND');
    const fields = {
      ...this.caseFields(body, 'phone'),
      origin: body.origin ?? (t ? 'ticket' : null),
      ticketId: t?.id ?? null,
      counterId: t?.counterId ?? null,
      serviceId: t?.serviceId ?? null,
      officerId: t?.officerId ?? null,
      dossierCode: body.dossierCode ?? t?.dossierCode ?? null,
    };
    if (fields.phone) this.checkPhoneLimit(fields.phone, s);
    const prepared = body.files.length === 0 ? [] : await this.o.files.prepare(body.files);
    const names = prepared.length === 0 ? [] : this.o.files.save(prepared);
    try {
      const rows: NewFeedbackFile[] = prepared.map((f, i) => ({
        name: names[i] ?? '',
        type: f.type,
        bytes: f.bytes.length,
        page: f.page,
      }));
      return this.insert(fields, rows, (c) => c.phone !== null && this.checkPhoneLimit(c.phone, s));
    } catch (e) {
      this.o.files.remove(names);
      throw e;
    }
  }

  /** A case typed at the kiosk: limited per kiosk an hour (and per phone a day); its device kept, nothing attached. */
  createFromKiosk(body: KioskFeedbackBody, deviceId: number): FeedbackReceiptCore {
    const s = this.settings();
    if (!s.enabled) fail('LAYSO_FEEDBACK_DISABLED');
    const since = new Date(this.o.clock.now().getTime() - HOUR);
    return this.insert({ ...this.caseFields(body, 'kiosk'), deviceId }, [], (c) => {
      if (this.o.store.feedback.countByDeviceSince(deviceId, since) >= s.perKioskPerHour)
        fail('LAYSO_FEEDBACK_LIMIT');
      if (c.phone !== null) this.checkPhoneLimit(c.phone, s);
    });
  }

  /**
   * A case a staff member recorded for a citizen: 'officer' from an officer, 'desk' from anyone else; the ticket,
   * counter, department and officer given are checked, and a ticket fills in what was not given. Not limited (staff
   * are signed in) and taken even when the public form is off.
   */
  createFromStaff(body: StaffFeedbackBody, by: StaffAuthor): FeedbackReceiptCore {
    const { store } = this.o;
    const t = body.ticketId ? (store.tickets.byId(body.ticketId) ?? fail('LAYSO_TICKET_NOT_FOUND')) : null;
    if (body.counterId && !store.counters.byId(body.counterId)) fail('LAYSO_COUNTER_NOT_FOUND');
    if (body.serviceId && !store.catalogue.service(body.serviceId)) fail('LAYSO_SERVICE_NOT_FOUND');
    if (body.officerId && !store.accounts.user(body.officerId)) fail('LAYSO_USER_NOT_FOUND');
    const channel: FeedbackChannel = by.role === 'officer' ? 'officer' : 'desk';
    return this.insert(
      {
        ...this.caseFields(body, channel),
        receivedBy: by.id,
        ticketId: t?.id ?? null,
        counterId: body.counterId ?? t?.counterId ?? null,
        serviceId: body.serviceId ?? t?.serviceId ?? null,
        // An officer records a case with the ticket they are serving: that officer is who took it, not whom it is
        // about (which would hide the case from them); the desk's ticket names the officer who served it.
        officerId: body.officerId ?? (channel === 'officer' ? null : (t?.officerId ?? null)),
        dossierCode: body.dossierCode ?? t?.dossierCode ?? null,
      },
      [],
    );
  }

  /** A case's page by its code alone: state and dates, the answer when published. */
  status(code: string, address: string): PublicFeedback {
    if (!this.attempts.take(`status:${address}`, STATUS_PER_SOURCE)) fail('LAYSO_FEEDBACK_LIMIT');
    return publicView(this.find(code, address), false);
  }

  /**
   * A case's details with the last 4 digits of its phone. A wrong proof counts against the case and the address; an
   * anonymous case has no proof to give.
   */
  lookup(code: string, proof: string, address: string): PublicFeedback {
    const c = this.find(code, address);
    const perCase = `case:${c.id}`;
    const source = `ip:${address}`;
    if (this.attempts.blocked(perCase, this.limits.perCode)) fail('LAYSO_FEEDBACK_LIMIT');
    const digits = c.phone?.replace(/\D/g, '').slice(-4) ?? null;
    if (digits === null || digits !== proof) {
      this.attempts.fail(perCase, this.limits.perCode);
      this.attempts.fail(source, this.limits.perSource);
      fail('LAYSO_FEEDBACK_PROOF_INVALID');
    }
    return publicView(c, true);
  }

  // ---------- helpers ----------

  /** A case by its code; an unknown code counts against the address, which is refused once it has used them up. */
  private find(code: string, address: string): FeedbackCaseRow {
    const source = `ip:${address}`;
    if (this.attempts.blocked(source, this.limits.perSource)) fail('LAYSO_FEEDBACK_LIMIT');
    const c = this.o.store.feedback.byCode(code);
    if (c) return c;
    this.attempts.fail(source, this.limits.perSource);
    return fail('LAYSO_FEEDBACK_NOT_FOUND');
  }

  private checkPhoneLimit(phone: string, s: FeedbackSettings): void {
    const since = vnInstant(serviceDay(this.o.clock.now()));
    if (this.o.store.feedback.countByPhoneSince(phone, since) >= s.perSenderPerDay)
      fail('LAYSO_FEEDBACK_LIMIT');
  }

  /** What every channel takes from the body (NFC text; name and phone only with the consent's version). */
  private caseFields(
    b: {
      topic: NewFeedbackCase['topic'];
      text: string;
      name?: string | null | undefined;
      phone?: string | null | undefined;
      consentVersion?: string | null | undefined;
      dossierCode?: string | null | undefined;
    },
    channel: FeedbackChannel,
  ): Omit<NewFeedbackCase, 'code' | 'at' | 'receivedDay' | 'forwardDueDay' | 'answerDueDay'> {
    const personal = Boolean(b.name || b.phone);
    // The words shown beside the fields have changed since the form was loaded: agree again to the new ones.
    if (personal && b.consentVersion !== FEEDBACK_CONSENT.version) fail('LAYSO_CONSENT_VERSION_UNKNOWN');
    return {
      channel,
      origin: null,
      topic: b.topic,
      text: b.text.normalize('NFC'),
      name: b.name ? b.name.normalize('NFC') : null,
      // One form stored: +84… and 0… count as one phone for the limit and match one proof.
      phone: b.phone ? localPhone(b.phone) : null,
      consentVersion: personal ? (b.consentVersion ?? null) : null,
      dossierCode: b.dossierCode ?? null,
      ticketId: null,
      counterId: null,
      deviceId: null,
      receivedBy: null,
      serviceId: null,
      officerId: null,
    };
  }

  /** Writes the case in one transaction, after `check` (the limits, re-counted inside it); its receipt. */
  private insert(
    fields: Omit<NewFeedbackCase, 'code' | 'at' | 'receivedDay' | 'forwardDueDay' | 'answerDueDay'>,
    files: NewFeedbackFile[],
    check?: (c: typeof fields) => void,
  ): FeedbackReceiptCore {
    const { store, clock } = this.o;
    const now = clock.now();
    const receivedDay = serviceDay(now);
    const due = feedbackDueDays(receivedDay, this.settings(), this.o.calendar());
    const row = store.transaction(() => {
      check?.(fields);
      return store.feedback.insert({ ...fields, code: this.newCode(), at: now, receivedDay, ...due }, files);
    });
    return {
      code: formatFeedbackCode(row.code),
      url: caseUrl(this.o.publicUrl(), row.code),
      receivedAt: toIso(row.receivedAt),
      answerDueDay: row.answerDueDay,
      // Promised only when a text can go: a phone given and ZNS or SMS switched on.
      answerByNotice: row.phone !== null && this.o.planner.phoneChannel() !== null,
    };
  }

  private newCode(): string {
    for (let i = 0; i < 10; i++) {
      const code = Array.from({ length: 8 }, () => BOOKING_CODE_ALPHABET[randomInt(0, 32)]).join('');
      if (!this.o.store.feedback.byCode(code)) return code;
    }
    throw new Error('no free feedback code after 10 draws');
  }
}

/** A case's page: `${PUBLIC_URL}/pa/<code>`. */
export const caseUrl = (publicUrl: string, code: string): string =>
  `${publicUrl.replace(/\/+$/, '')}/pa/${code}`;

/**
 * A case as its page shows it; `detailed` (with the proof) adds its topic, text, where it was forwarded and an
 * unpublished answer. Never a name, a phone or an officer.
 */
function publicView(c: FeedbackCaseRow, detailed: boolean): PublicFeedback {
  return {
    code: formatFeedbackCode(c.code),
    status: c.status,
    receivedAt: toIso(c.receivedAt),
    answerDueDay: c.answerDueDay,
    // Where it went is about the case's content: only with the proof. That and when it went is the state.
    forwardedTo: detailed ? c.forwardedTo : null,
    forwardedAt: c.forwardedAt ? toIso(c.forwardedAt) : null,
    answeredAt: c.answeredAt ? toIso(c.answeredAt) : null,
    answer: c.answer !== null && (detailed || c.published) ? c.answer : null,
    published: c.published,
    detailed,
    topic: detailed ? c.topic : null,
    text: detailed ? c.text : null,
    hasPhone: c.phone !== null,
  };
}
