import type { z } from 'zod';
import {
  formatFeedbackCode,
  type FeedbackAnswerBody,
  type FeedbackCase,
  type FeedbackCaseSummary,
  type FeedbackClassifyBody,
  type FeedbackCloseBody,
  type FeedbackForwardBody,
  type FeedbackList,
  type FeedbackListQuery,
  type FeedbackSettings,
  type FloorAlert,
} from '@layso/protocol';
import type { DueDays, FeedbackCaseRow, FeedbackListRow } from '../db/feedback.js';
import type { Store } from '../db/store.js';
import {
  decideAnswer,
  decideAssign,
  decideClassify,
  decideClose,
  decideForward,
  feedbackActions,
  feedbackDue,
  soonDayOf,
  type FeedbackDecision,
} from '../domain/feedback.js';
import { serviceDay, toIso } from '../domain/time.js';
import type { Clock } from '../domain/types.js';
import type { WorkingCalendar } from '../domain/working-days.js';
import { fail } from '../errors.js';
import type { NoticePlanner } from '../notify/planner.js';

export interface FeedbackRegisterOptions {
  store: Store;
  clock: Clock;
  planner: NoticePlanner;
  wake: () => void;
  calendar: () => WorkingCalendar;
  settings: () => FeedbackSettings;
}

/** The floor's counts are kept this long (the monitor refreshes often; a case's due state moves by days). */
const FLOOR_KEEP_MS = 30_000;
const EXCERPT_CHARS = 140;

const iso = (d: Date | null): string | null => (d ? toIso(d) : null);

/** The decision's value, or its refusal as the error (nothing written). */
function allowed<T>(d: FeedbackDecision<T>): T {
  if (!d.ok) fail(d.code);
  return d.value;
}

/**
 * The feedback register (issue 22) for the center's staff (admin, supervisors, the feedback desk): the list with its
 * due counts, one case with its history and files, and the actions — each checked by the domain's transition rules,
 * written with its history row in one transaction. A viewer never sees a case about themselves (its officer) until
 * it is answered or closed: it is not listed, not counted, and a direct look answers LAYSO_FEEDBACK_NOT_FOUND.
 */
export class FeedbackRegister {
  private floorKept: { at: number; counts: { overdue: number; dueSoon: number } } | null = null;

  constructor(private readonly o: FeedbackRegisterOptions) {}

  /** Today and the last day "due soon" reaches, on the center's calendar. */
  dueDays(): DueDays {
    const today = serviceDay(this.o.clock.now());
    return { today, soon: soonDayOf(today, this.o.settings().soonDays, this.o.calendar()) };
  }

  list(q: z.infer<typeof FeedbackListQuery>, viewerId: number | null): FeedbackList {
    if (q.from && q.to && q.from > q.to) fail('LAYSO_REPORT_RANGE_INVALID');
    const due = this.dueDays();
    const filter = { ...due, ...q, viewerId };
    const counts = this.o.store.feedback.counts(filter);
    return {
      cases: this.o.store.feedback.list(filter, q.limit).map((r) => this.summary(r, due)),
      total: counts.total,
      overdue: counts.overdue,
      dueSoon: counts.dueSoon,
    };
  }

  /** The case if this viewer may see it, else LAYSO_FEEDBACK_NOT_FOUND (missing or about them, not answered). */
  visible(id: number, viewerId: number | null): FeedbackCaseRow {
    const c = this.o.store.feedback.byId(id);
    if (!c || hiddenFrom(c, viewerId)) fail('LAYSO_FEEDBACK_NOT_FOUND');
    return c;
  }

  view(id: number, viewerId: number | null): FeedbackCase {
    return this.detail(this.visible(id, viewerId));
  }

  /** Classifies (again, until answered) and names the department and officer concerned (omitted: kept). */
  classify(id: number, b: z.infer<typeof FeedbackClassifyBody>, by: number): FeedbackCase {
    const { store } = this.o;
    const c = this.visible(id, by);
    const status = allowed(decideClassify(c));
    if (b.serviceId && !store.catalogue.service(b.serviceId)) fail('LAYSO_SERVICE_NOT_FOUND');
    if (b.officerId && !store.accounts.user(b.officerId)) fail('LAYSO_USER_NOT_FOUND');
    const serviceId = b.serviceId === undefined ? c.serviceId : b.serviceId;
    const officerId = b.officerId === undefined ? c.officerId : b.officerId;
    const note = b.note ?? null;
    store.transaction(() =>
      store.feedback.classify(
        id,
        { class: b.class, note, serviceId, officerId, status },
        this.o.clock.now(),
        by,
      ),
    );
    return this.fresh(id);
  }

  assign(id: number, assigneeId: number | null, by: number): FeedbackCase {
    const { store } = this.o;
    allowed(decideAssign(this.visible(id, by)));
    if (assigneeId !== null && !store.accounts.user(assigneeId)) fail('LAYSO_USER_NOT_FOUND');
    store.transaction(() => store.feedback.assign(id, assigneeId, this.o.clock.now(), by));
    return this.fresh(id);
  }

  /** Records the forwarding of a case outside the center's authority (to whom, when, by what means). */
  forward(id: number, b: z.infer<typeof FeedbackForwardBody>, by: number): FeedbackCase {
    const { store } = this.o;
    const now = this.o.clock.now();
    const at = b.at ? new Date(b.at) : now;
    allowed(decideForward(this.visible(id, by), at, now));
    store.transaction(() =>
      store.feedback.forward(id, { to: b.to, means: b.means, at, reference: b.reference ?? null }, now, by),
    );
    return this.fresh(id);
  }

  /**
   * Answers (or corrects the answer until closed). The first answer of a case with a phone plans the notice
   * `feedback_answered` in the same transaction; a correction tells nobody again.
   */
  answer(id: number, b: z.infer<typeof FeedbackAnswerBody>, by: number): FeedbackCase {
    const { store } = this.o;
    const c = this.visible(id, by);
    const { correction } = allowed(decideAnswer(c));
    const now = this.o.clock.now();
    store.transaction(() => {
      store.feedback.answer(
        id,
        { answer: b.answer, published: b.publish, correction, wasPublished: c.published },
        now,
        by,
      );
      if (!correction && c.phone !== null)
        this.o.planner.feedbackAnswered(id, formatFeedbackCode(c.code), now);
    });
    if (!correction && c.phone !== null) this.o.wake();
    return this.fresh(id);
  }

  close(id: number, b: z.infer<typeof FeedbackCloseBody>, by: number): FeedbackCase {
    const { store } = this.o;
    allowed(decideClose(this.visible(id, by)));
    store.transaction(() => store.feedback.close(id, b.note ?? null, this.o.clock.now(), by));
    return this.fresh(id);
  }

  /** Overdue and due-soon cases for the floor monitor: counts only, every case. */
  floorCounts(): { overdue: number; dueSoon: number } {
    const now = this.o.clock.now().getTime();
    const kept = this.floorKept;
    if (kept && Math.abs(now - kept.at) < FLOOR_KEEP_MS) return kept.counts;
    const counts = this.o.store.feedback.dueCounts(this.dueDays());
    this.floorKept = { at: now, counts };
    return counts;
  }

  // ---------- views ----------

  /** The case as it is now, after an action by the viewer (who may have named themselves as its officer). */
  private fresh(id: number): FeedbackCase {
    this.floorKept = null;
    const c = this.o.store.feedback.byId(id);
    if (!c) return fail('LAYSO_FEEDBACK_NOT_FOUND');
    return this.detail(c);
  }

  private summary(r: FeedbackListRow, due: DueDays): FeedbackCaseSummary {
    const { overdue, dueSoon } = feedbackDue(r, due.today, due.soon);
    return {
      id: r.id,
      code: formatFeedbackCode(r.code),
      channel: r.channel,
      origin: r.origin,
      receivedAt: toIso(r.receivedAt),
      topic: r.topic,
      excerpt: [...r.text].slice(0, EXCERPT_CHARS).join(''),
      status: r.status,
      class: r.class,
      serviceId: r.serviceId,
      serviceName: r.serviceName,
      officerId: r.officerId,
      officerName: r.officerName,
      assigneeId: r.assigneeId,
      assigneeName: r.assigneeName,
      forwardDueDay: r.forwardDueDay,
      answerDueDay: r.answerDueDay,
      overdue,
      dueSoon,
      answeredAt: iso(r.answeredAt),
      closedAt: iso(r.closedAt),
    };
  }

  private detail(c: FeedbackCaseRow): FeedbackCase {
    const { store } = this.o;
    const userName = (id: number | null) =>
      id === null ? null : (store.accounts.user(id)?.displayName ?? null);
    const row: FeedbackListRow = {
      ...c,
      serviceName: c.serviceId === null ? null : (store.catalogue.service(c.serviceId)?.name ?? null),
      officerName: userName(c.officerId),
      assigneeName: userName(c.assigneeId),
    };
    const t = c.ticketId === null ? null : store.tickets.byId(c.ticketId);
    const actions = feedbackActions(c);
    return {
      ...this.summary(row, this.dueDays()),
      actions,
      // Only a first answer tells the citizen (a correction tells nobody again, see answer()).
      noticeOnAnswer:
        actions.includes('answer') &&
        c.status !== 'answered' &&
        c.phone !== null &&
        this.o.planner.phoneChannel() !== null,
      text: c.text,
      name: c.name,
      phone: c.phone,
      personalErased: c.personalErasedAt !== null,
      dossierCode: c.dossierCode,
      ticket: t ? { id: t.id, number: t.number, issuedAt: toIso(t.issuedAt), rating: t.rating } : null,
      counterId: c.counterId,
      counterName: c.counterId === null ? null : (store.counters.byId(c.counterId)?.name ?? null),
      receivedBy: userName(c.receivedBy),
      classNote: c.classNote,
      forward:
        c.forwardedTo !== null && c.forwardMeans !== null && c.forwardedAt !== null
          ? {
              to: c.forwardedTo,
              means: c.forwardMeans,
              at: toIso(c.forwardedAt),
              reference: c.forwardReference,
            }
          : null,
      answer: c.answer,
      published: c.published,
      closeNote: c.closeNote,
      files: store.feedback
        .files(c.id)
        .map((f) => ({ id: f.id, type: f.type, bytes: f.bytes, page: f.page })),
      history: store.feedback.history(c.id).map((e) => ({
        at: toIso(e.at),
        kind: e.kind,
        by: e.byName,
        note: e.note,
      })),
    };
  }
}

/** Whether the case is about the viewer and not answered yet (then it is none of their business to see). */
export const hiddenFrom = (c: FeedbackCaseRow, viewerId: number | null): boolean =>
  viewerId !== null && c.officerId === viewerId && c.status !== 'answered' && c.status !== 'closed';

/** The floor monitor's feedback alerts: counts only, never a case. */
export function feedbackAlerts(counts: { overdue: number; dueSoon: number } | null): FloorAlert[] {
  if (!counts) return [];
  const base = { deviceId: null, since: null };
  const alerts: FloorAlert[] = [];
  if (counts.overdue > 0)
    alerts.push({
      ...base,
      kind: 'feedback-overdue',
      severity: 'danger',
      vi: `${counts.overdue} phản ánh, kiến nghị đã quá hạn chuyển hoặc trả lời. Mở sổ phản ánh để xử lý.`,
      en: `${counts.overdue} feedback case(s) past the date to forward or answer. Open the feedback register.`,
    });
  if (counts.dueSoon > 0)
    alerts.push({
      ...base,
      kind: 'feedback-due-soon',
      severity: 'warning',
      vi: `${counts.dueSoon} phản ánh, kiến nghị sắp đến hạn chuyển hoặc trả lời.`,
      en: `${counts.dueSoon} feedback case(s) soon due to be forwarded or answered.`,
    });
  return alerts;
}
