import type { Database } from 'better-sqlite3';
import type { FeedbackClass, FeedbackStatus, ForwardMeans } from '@layso/protocol';
import { fold } from '../catalogue/text.js';
import {
  fromFileRow,
  fromListRow,
  fromRow,
  type DueDays,
  type EventRow,
  type FeedbackCaseRow,
  type FeedbackEventKind,
  type FeedbackEventRow,
  type FeedbackFileRow,
  type FeedbackFilter,
  type FeedbackListRow,
  type FileRow,
  type ListRow,
  type NewFeedbackCase,
  type NewFeedbackFile,
  type Row,
} from './feedback-rows.js';

export type {
  DueDays,
  FeedbackCaseRow,
  FeedbackEventKind,
  FeedbackEventRow,
  FeedbackFileRow,
  FeedbackFilter,
  FeedbackListRow,
  NewFeedbackCase,
  NewFeedbackFile,
} from './feedback-rows.js';

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
    correct: db.prepare<{ id: number; answer: string; published: number }>(
      'UPDATE feedback_cases SET answer = @answer, published = @published WHERE id = @id',
    ),
    close: db.prepare<{ id: number; at: number; note: string | null }>(
      "UPDATE feedback_cases SET status = 'closed', closed_at = @at, close_note = @note WHERE id = @id",
    ),
  };
}

type NewCaseParams = Omit<NewFeedbackCase, 'at'> & { at: number };

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
  /**
   * The answer; 'published' is written when it becomes public. A correction changes the words only: when and by whom
   * the case was answered stay the first answer's (the register's on-time count reads them), and its history says
   * who corrected it when.
   */
  answer(
    id: number,
    a: { answer: string; published: boolean; correction: boolean; wasPublished: boolean },
    at: Date,
    by: number | null,
  ): void {
    const published = a.published ? 1 : 0;
    if (a.correction) this.st.correct.run({ id, answer: a.answer, published });
    else this.st.answer.run({ id, answer: a.answer, at: at.getTime(), by, published });
    this.event(id, 'answered', at, by, a.correction ? 'correction' : null);
    if (a.published && !a.wasPublished) this.event(id, 'published', at, by, null);
  }
  close(id: number, note: string | null, at: Date, by: number | null): void {
    this.st.close.run({ id, at: at.getTime(), note });
    this.event(id, 'closed', at, by, null);
  }
}
