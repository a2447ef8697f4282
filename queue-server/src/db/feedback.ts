import type { Database } from 'better-sqlite3';
import type {
  FeedbackChannel,
  FeedbackClass,
  FeedbackOrigin,
  FeedbackStatus,
  FeedbackTopic,
  ForwardMeans,
} from '@layso/protocol';
import { fold } from '../catalogue/text.js';
import { toDate } from './sql.js';

/**
 * A case of the feedback register (migration 0190). Personal: `name` and `phone` (null when not given or erased by
 * retention, then `personalErasedAt` is set) and the free `text`. Never log a row.
 */
export interface FeedbackCaseRow {
  id: number;
  code: string;
  channel: FeedbackChannel;
  origin: FeedbackOrigin | null;
  receivedAt: Date;
  /** The Vietnam day it was received (yyyy-MM-dd): due days count from it. */
  receivedDay: string;
  topic: FeedbackTopic;
  text: string;
  name: string | null;
  phone: string | null;
  consentVersion: string | null;
  personalErasedAt: Date | null;
  dossierCode: string | null;
  ticketId: number | null;
  counterId: number | null;
  deviceId: number | null;
  receivedBy: number | null;
  status: FeedbackStatus;
  class: FeedbackClass | null;
  classNote: string | null;
  serviceId: number | null;
  officerId: number | null;
  assigneeId: number | null;
  forwardDueDay: string;
  answerDueDay: string;
  forwardedTo: string | null;
  forwardMeans: ForwardMeans | null;
  forwardedAt: Date | null;
  forwardReference: string | null;
  answer: string | null;
  answeredAt: Date | null;
  answeredBy: number | null;
  published: boolean;
  closedAt: Date | null;
  closeNote: string | null;
}

/** A case as the register lists it: with the names of the department, officer and assignee. */
export interface FeedbackListRow extends FeedbackCaseRow {
  serviceName: string | null;
  officerName: string | null;
  assigneeName: string | null;
}

export interface NewFeedbackCase {
  code: string;
  channel: FeedbackChannel;
  origin: FeedbackOrigin | null;
  at: Date;
  receivedDay: string;
  topic: FeedbackTopic;
  text: string;
  name: string | null;
  phone: string | null;
  consentVersion: string | null;
  dossierCode: string | null;
  ticketId: number | null;
  counterId: number | null;
  deviceId: number | null;
  receivedBy: number | null;
  serviceId: number | null;
  officerId: number | null;
  forwardDueDay: string;
  answerDueDay: string;
}

/** A picture kept for a case (the file itself is under DATA_DIR/feedback-files/, by `name`). */
export interface FeedbackFileRow {
  id: number;
  caseId: number;
  name: string;
  type: 'image/jpeg' | 'image/png';
  bytes: number;
  page: number | null;
  createdAt: Date;
}
export type NewFeedbackFile = Pick<FeedbackFileRow, 'name' | 'type' | 'bytes' | 'page'>;

export type FeedbackEventKind =
  'received' | 'classified' | 'assigned' | 'forwarded' | 'answered' | 'published' | 'closed' | 'erased';

/** One line of a case's history, with the staff member's display name (null: the citizen or the system). */
export interface FeedbackEventRow {
  at: Date;
  kind: FeedbackEventKind;
  byUser: number | null;
  byName: string | null;
  note: string | null;
}

/**
 * What "due" means for the register and the floor, as the domain rule says (domain/feedback.ts): `today` and `soon`
 * (today + soonDays working days) are Vietnam days the caller computed on the center's calendar.
 */
export interface DueDays {
  today: string;
  soon: string;
}

export interface FeedbackFilter extends DueDays {
  status?: FeedbackStatus | undefined;
  class?: FeedbackClass | undefined;
  channel?: FeedbackChannel | undefined;
  due?: 'overdue' | 'soon' | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Matched against the code (dash and case ignored) and the folded text. */
  q?: string | undefined;
  /** The viewer: a case about them (officer_id) stays out until it is answered or closed. */
  viewerId: number | null;
}

interface Row {
  id: number;
  code: string;
  channel: FeedbackChannel;
  origin: FeedbackOrigin | null;
  received_at: number;
  received_day: string;
  topic: FeedbackTopic;
  text: string;
  name: string | null;
  phone: string | null;
  consent_version: string | null;
  personal_erased_at: number | null;
  dossier_code: string | null;
  ticket_id: number | null;
  counter_id: number | null;
  device_id: number | null;
  received_by: number | null;
  status: FeedbackStatus;
  class: FeedbackClass | null;
  class_note: string | null;
  service_id: number | null;
  officer_id: number | null;
  assignee_id: number | null;
  forward_due_day: string;
  answer_due_day: string;
  forwarded_to: string | null;
  forward_means: ForwardMeans | null;
  forwarded_at: number | null;
  forward_reference: string | null;
  answer: string | null;
  answered_at: number | null;
  answered_by: number | null;
  published: number;
  closed_at: number | null;
  close_note: string | null;
}

interface ListRow extends Row {
  service_name: string | null;
  officer_name: string | null;
  assignee_name: string | null;
}

const fromRow = (r: Row): FeedbackCaseRow => ({
  id: r.id,
  code: r.code,
  channel: r.channel,
  origin: r.origin,
  receivedAt: new Date(r.received_at),
  receivedDay: r.received_day,
  topic: r.topic,
  text: r.text,
  name: r.name,
  phone: r.phone,
  consentVersion: r.consent_version,
  personalErasedAt: toDate(r.personal_erased_at),
  dossierCode: r.dossier_code,
  ticketId: r.ticket_id,
  counterId: r.counter_id,
  deviceId: r.device_id,
  receivedBy: r.received_by,
  status: r.status,
  class: r.class,
  classNote: r.class_note,
  serviceId: r.service_id,
  officerId: r.officer_id,
  assigneeId: r.assignee_id,
  forwardDueDay: r.forward_due_day,
  answerDueDay: r.answer_due_day,
  forwardedTo: r.forwarded_to,
  forwardMeans: r.forward_means,
  forwardedAt: toDate(r.forwarded_at),
  forwardReference: r.forward_reference,
  answer: r.answer,
  answeredAt: toDate(r.answered_at),
  answeredBy: r.answered_by,
  published: r.published === 1,
  closedAt: toDate(r.closed_at),
  closeNote: r.close_note,
});

const fromListRow = (r: ListRow): FeedbackListRow => ({
  ...fromRow(r),
  serviceName: r.service_name,
  officerName: r.officer_name,
  assigneeName: r.assignee_name,
});

// The due rules in SQL (domain/feedback.ts holds the same rules for one case): an answer is due while the case is
// open; a forwarding while it is not yet forwarded, answered or closed and its class is unknown or outside authority.
const OPEN = "c.status IN ('new','processing','forwarded')";
const FORWARD_PENDING =
  "c.status IN ('new','processing') AND (c.class IS NULL OR c.class = 'outside-authority')";
const OVERDUE = `((${OPEN} AND c.answer_due_day < @today) OR (${FORWARD_PENDING} AND c.forward_due_day < @today))`;
const DUE_SOON = `(NOT ${OVERDUE} AND ((${OPEN} AND c.answer_due_day <= @soon)
  OR (${FORWARD_PENDING} AND c.forward_due_day <= @soon)))`;
/** A case about the viewer is hidden from them until answered or closed. */
const VISIBLE =
  "(@viewerId IS NULL OR c.officer_id IS NULL OR c.officer_id <> @viewerId OR c.status IN ('answered','closed'))";
const FILTERS = `${VISIBLE}
  AND (@status IS NULL OR c.status = @status)
  AND (@class IS NULL OR c.class = @class)
  AND (@channel IS NULL OR c.channel = @channel)
  AND (@from IS NULL OR c.received_day >= @from)
  AND (@to IS NULL OR c.received_day <= @to)
  AND (@due IS NULL OR (@due = 'overdue' AND ${OVERDUE}) OR (@due = 'soon' AND ${DUE_SOON}))
  AND (@q IS NULL OR instr(c.code, @qCode) > 0 OR instr(layso_fold(c.text), @q) > 0)`;

interface FilterParams {
  today: string;
  soon: string;
  viewerId: number | null;
  status: string | null;
  class: string | null;
  channel: string | null;
  from: string | null;
  to: string | null;
  due: string | null;
  q: string | null;
  qCode: string | null;
}

const filterParams = (f: FeedbackFilter): FilterParams => {
  const q = f.q?.trim() ? fold(f.q.trim()) : null;
  return {
    today: f.today,
    soon: f.soon,
    viewerId: f.viewerId,
    status: f.status ?? null,
    class: f.class ?? null,
    channel: f.channel ?? null,
    from: f.from ?? null,
    to: f.to ?? null,
    due: f.due ?? null,
    q,
    qCode: q === null ? null : q.replace(/[\s-]/g, '').toUpperCase(),
  };
};

function prepare(db: Database) {
  return {
    insert:
      db.prepare<NewCaseParams>(`INSERT INTO feedback_cases (code, channel, origin, received_at, received_day,
        topic, text, name, phone, consent_version, dossier_code, ticket_id, counter_id, device_id, received_by,
        status, service_id, officer_id, forward_due_day, answer_due_day)
      VALUES (@code, @channel, @origin, @at, @receivedDay, @topic, @text, @name, @phone, @consentVersion,
        @dossierCode, @ticketId, @counterId, @deviceId, @receivedBy, 'new', @serviceId, @officerId, @forwardDueDay,
        @answerDueDay)`),
    insertFile: db.prepare<{
      caseId: number;
      name: string;
      type: string;
      bytes: number;
      page: number | null;
      at: number;
    }>(`INSERT INTO feedback_files (case_id, name, type, bytes, page, created_at)
      VALUES (@caseId, @name, @type, @bytes, @page, @at)`),
    insertEvent: db.prepare<{
      caseId: number;
      at: number;
      kind: FeedbackEventKind;
      by: number | null;
      note: string | null;
    }>(
      'INSERT INTO feedback_events (case_id, at, kind, by_user, note) VALUES (@caseId, @at, @kind, @by, @note)',
    ),
    byId: db.prepare<[number], Row>('SELECT * FROM feedback_cases WHERE id = ?'),
    byCode: db.prepare<[string], Row>('SELECT * FROM feedback_cases WHERE code = ?'),
    list: db.prepare<FilterParams & { limit: number }, ListRow>(`SELECT c.*, s.name AS service_name,
        o.display_name AS officer_name, a.display_name AS assignee_name
      FROM feedback_cases c
      LEFT JOIN services s ON s.id = c.service_id
      LEFT JOIN users o ON o.id = c.officer_id
      LEFT JOIN users a ON a.id = c.assignee_id
      WHERE ${FILTERS}
      ORDER BY c.received_at DESC, c.id DESC LIMIT @limit`),
    counts: db.prepare<FilterParams, { total: number; overdue: number | null; soon: number | null }>(
      `SELECT count(*) AS total, sum(${OVERDUE}) AS overdue, sum(${DUE_SOON}) AS soon
        FROM feedback_cases c WHERE ${FILTERS}`,
    ),
    files: db.prepare<[number], FileRow>('SELECT * FROM feedback_files WHERE case_id = ? ORDER BY id'),
    file: db.prepare<[number, number], FileRow>('SELECT * FROM feedback_files WHERE case_id = ? AND id = ?'),
    events: db.prepare<[number], EventRow>(`SELECT e.at, e.kind, e.by_user, u.display_name AS by_name, e.note
      FROM feedback_events e LEFT JOIN users u ON u.id = e.by_user WHERE e.case_id = ? ORDER BY e.at, e.id`),
    sincePhone: db.prepare<[string, number], { n: number }>(
      'SELECT count(*) AS n FROM feedback_cases WHERE phone = ? AND received_at >= ?',
    ),
    sinceDevice: db.prepare<[number, number], { n: number }>(
      'SELECT count(*) AS n FROM feedback_cases WHERE device_id = ? AND received_at >= ?',
    ),
    classify: db.prepare<{
      id: number;
      class: FeedbackClass;
      note: string | null;
      serviceId: number | null;
      officerId: number | null;
      status: FeedbackStatus;
    }>(`UPDATE feedback_cases SET class = @class, class_note = @note, service_id = @serviceId,
        officer_id = @officerId, status = @status WHERE id = @id`),
    assign: db.prepare<[number | null, number]>('UPDATE feedback_cases SET assignee_id = ? WHERE id = ?'),
    forward: db.prepare<{
      id: number;
      to: string;
      means: ForwardMeans;
      at: number;
      reference: string | null;
    }>(
      `UPDATE feedback_cases SET status = 'forwarded', forwarded_to = @to, forward_means = @means,
        forwarded_at = @at, forward_reference = @reference WHERE id = @id`,
    ),
    answer: db.prepare<{ id: number; answer: string; at: number; by: number | null; published: number }>(
      `UPDATE feedback_cases SET status = 'answered', answer = @answer, answered_at = @at, answered_by = @by,
        published = @published WHERE id = @id`,
    ),
    close: db.prepare<{ id: number; at: number; note: string | null }>(
      "UPDATE feedback_cases SET status = 'closed', closed_at = @at, close_note = @note WHERE id = @id",
    ),
  };
}

type NewCaseParams = Omit<NewFeedbackCase, 'at'> & { at: number };

interface FileRow {
  id: number;
  case_id: number;
  name: string;
  type: 'image/jpeg' | 'image/png';
  bytes: number;
  page: number | null;
  created_at: number;
}

interface EventRow {
  at: number;
  kind: FeedbackEventKind;
  by_user: number | null;
  by_name: string | null;
  note: string | null;
}

const fromFileRow = (r: FileRow): FeedbackFileRow => ({
  id: r.id,
  caseId: r.case_id,
  name: r.name,
  type: r.type,
  bytes: r.bytes,
  page: r.page,
  createdAt: new Date(r.created_at),
});

/**
 * The feedback register. Each action's write and its history row go together; the caller runs them inside
 * `store.transaction()` after the domain has allowed the transition (domain/feedback.ts).
 */
export class FeedbackRepo {
  private readonly st: ReturnType<typeof prepare>;

  constructor(db: Database) {
    // The register's search folds the text as the catalogue's does (per connection; deterministic).
    db.function('layso_fold', { deterministic: true }, (s: unknown) =>
      typeof s === 'string' ? fold(s) : null,
    );
    this.st = prepare(db);
  }

  /** Adds a case in state `new` with its 'received' event (by the staff member who took it) and its files' rows. */
  insert(c: NewFeedbackCase, files: readonly NewFeedbackFile[] = []): FeedbackCaseRow {
    const at = c.at.getTime();
    const id = Number(this.st.insert.run({ ...c, at }).lastInsertRowid);
    this.st.insertEvent.run({ caseId: id, at, kind: 'received', by: c.receivedBy, note: c.channel });
    for (const f of files) this.st.insertFile.run({ caseId: id, ...f, at });
    const row = this.byId(id);
    if (!row) throw new Error(`feedback case ${id} vanished in its own transaction`);
    return row;
  }

  byId(id: number): FeedbackCaseRow | null {
    const r = this.st.byId.get(id);
    return r ? fromRow(r) : null;
  }
  byCode(code: string): FeedbackCaseRow | null {
    const r = this.st.byCode.get(code);
    return r ? fromRow(r) : null;
  }

  /** The register's rows matching `f`, newest first, at most `limit`. */
  list(f: FeedbackFilter, limit: number): FeedbackListRow[] {
    return this.st.list.all({ ...filterParams(f), limit }).map(fromListRow);
  }
  /** How many cases match `f` (whatever the limit), and of those how many are overdue and due soon. */
  counts(f: FeedbackFilter): { total: number; overdue: number; dueSoon: number } {
    const r = this.st.counts.get(filterParams(f));
    return { total: r?.total ?? 0, overdue: r?.overdue ?? 0, dueSoon: r?.soon ?? 0 };
  }
  /** The floor monitor's counts: every case, nobody hidden (numbers only leave the register). */
  dueCounts(d: DueDays): { overdue: number; dueSoon: number } {
    const { overdue, dueSoon } = this.counts({ ...d, viewerId: null });
    return { overdue, dueSoon };
  }

  files(caseId: number): FeedbackFileRow[] {
    return this.st.files.all(caseId).map(fromFileRow);
  }
  file(caseId: number, fileId: number): FeedbackFileRow | null {
    const r = this.st.file.get(caseId, fileId);
    return r ? fromFileRow(r) : null;
  }
  history(caseId: number): FeedbackEventRow[] {
    return this.st.events.all(caseId).map((e) => ({
      at: new Date(e.at),
      kind: e.kind,
      byUser: e.by_user,
      byName: e.by_name,
      note: e.note,
    }));
  }

  /** Cases sent with this phone since `since` (the per-sender limit). */
  countByPhoneSince(phone: string, since: Date): number {
    return this.st.sincePhone.get(phone, since.getTime())?.n ?? 0;
  }
  /** Cases typed at this kiosk since `since` (the per-kiosk limit). */
  countByDeviceSince(deviceId: number, since: Date): number {
    return this.st.sinceDevice.get(deviceId, since.getTime())?.n ?? 0;
  }

  /** A history row: `note` is short and written by the app (never the citizen's text). */
  event(caseId: number, kind: FeedbackEventKind, at: Date, by: number | null, note: string | null): void {
    this.st.insertEvent.run({ caseId, at: at.getTime(), kind, by, note });
  }

  classify(
    id: number,
    c: {
      class: FeedbackClass;
      note: string | null;
      serviceId: number | null;
      officerId: number | null;
      status: FeedbackStatus;
    },
    at: Date,
    by: number | null,
  ): void {
    this.st.classify.run({ id, ...c });
    this.event(id, 'classified', at, by, c.class);
  }
  assign(id: number, assigneeId: number | null, at: Date, by: number | null): void {
    this.st.assign.run(assigneeId, id);
    this.event(id, 'assigned', at, by, null);
  }
  forward(
    id: number,
    f: { to: string; means: ForwardMeans; at: Date; reference: string | null },
    now: Date,
    by: number | null,
  ): void {
    this.st.forward.run({ id, to: f.to, means: f.means, at: f.at.getTime(), reference: f.reference });
    this.event(id, 'forwarded', now, by, f.means);
  }
  /** The answer (a correction says so in its history); 'published' is written when it becomes public. */
  answer(
    id: number,
    a: { answer: string; published: boolean; correction: boolean; wasPublished: boolean },
    at: Date,
    by: number | null,
  ): void {
    this.st.answer.run({ id, answer: a.answer, at: at.getTime(), by, published: a.published ? 1 : 0 });
    this.event(id, 'answered', at, by, a.correction ? 'correction' : null);
    if (a.published && !a.wasPublished) this.event(id, 'published', at, by, null);
  }
  close(id: number, note: string | null, at: Date, by: number | null): void {
    this.st.close.run({ id, at: at.getTime(), note });
    this.event(id, 'closed', at, by, null);
  }
}
