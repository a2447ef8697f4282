import Database from 'better-sqlite3';
import type { NewFeedbackCase } from '../db/feedback.js';
import { migrate } from '../db/migrate.js';
import { Store } from '../db/store.js';
import { ALWAYS_OPEN } from '../domain/testing.js';
import { vnInstant } from '../domain/time.js';

/**
 * The feedback register without a server, for queue-server's store-level feedback tests (issue 22): a migrated
 * database (`file`, in memory by default) with one service (Sở Tư pháp), the feedback desk's account, and a way to
 * add officers.
 */
export function feedbackStore(file = ':memory:') {
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  migrate(db);
  const store = new Store(db);
  const serviceId = store.catalogue.saveService({
    code: 'TP',
    name: 'Sở Tư pháp',
    nameEn: null,
    numberFormat: { prefix: '2', digits: 3 },
    dailyCap: 100,
    hours: ALWAYS_OPEN,
    active: true,
  });
  const desk = store.accounts.addUser({
    username: 'tiepnhan',
    displayName: 'Tiếp nhận',
    role: 'reception',
    passwordHash: 'x',
    counterId: null,
  });
  const officer = (username: string, displayName: string) =>
    store.accounts.addUser({ username, displayName, role: 'officer', passwordHash: 'x', counterId: null });
  return { db, store, serviceId, desk, officer };
}

/**
 * An anonymous kiosk case received at 9:00 on `day`, about a delay, linked to nothing and due that day; `over` gives
 * what a test is about.
 */
export function newFeedbackCase(
  code: string,
  day: string,
  over: Partial<NewFeedbackCase> = {},
): NewFeedbackCase {
  return {
    code,
    channel: 'kiosk',
    origin: null,
    at: vnInstant(day, 9 * 60),
    receivedDay: day,
    topic: 'delay',
    text: `Nội dung ${code}`,
    name: null,
    phone: null,
    consentVersion: null,
    dossierCode: null,
    ticketId: null,
    counterId: null,
    deviceId: null,
    receivedBy: null,
    serviceId: null,
    officerId: null,
    forwardDueDay: day,
    answerDueDay: day,
    ...over,
  };
}
