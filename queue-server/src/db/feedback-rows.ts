import type {
  FeedbackChannel,
  FeedbackClass,
  FeedbackOrigin,
  FeedbackStatus,
  FeedbackTopic,
  ForwardMeans,
} from '@layso/protocol';
import { toDate } from './sql.js';

/** The feedback register's rows (migration 0190) as stored and as the store hands them out (db/feedback.ts). */
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

export interface Row {
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

export interface ListRow extends Row {
  service_name: string | null;
  officer_name: string | null;
  assignee_name: string | null;
}

export const fromRow = (r: Row): FeedbackCaseRow => ({
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

export const fromListRow = (r: ListRow): FeedbackListRow => ({
  ...fromRow(r),
  serviceName: r.service_name,
  officerName: r.officer_name,
  assigneeName: r.assignee_name,
});
export interface FileRow {
  id: number;
  case_id: number;
  name: string;
  type: 'image/jpeg' | 'image/png';
  bytes: number;
  page: number | null;
  created_at: number;
}

export interface EventRow {
  at: number;
  kind: FeedbackEventKind;
  by_user: number | null;
  by_name: string | null;
  note: string | null;
}

export const fromFileRow = (r: FileRow): FeedbackFileRow => ({
  id: r.id,
  caseId: r.case_id,
  name: r.name,
  type: r.type,
  bytes: r.bytes,
  page: r.page,
  createdAt: new Date(r.created_at),
});
