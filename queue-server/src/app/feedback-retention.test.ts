import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewFeedbackCase } from '../db/feedback.js';
import { vnInstant } from '../domain/time.js';
import { PLAIN_JPEG } from '../testing/feedback-files.js';
import { feedbackStore, newFeedbackCase } from '../testing/feedback-store.js';
import { createFeedbackFileStore, FEEDBACK_FILES_DIR } from './feedback-file-store.js';
import { FeedbackRetention } from './feedback-retention.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'layso-feedback-retention-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const at = (day: string, hour = 9) => vnInstant(day, hour * 60);
const RETENTION_DAYS = 30;

/** A register on disk with a desk account, and a case-maker: every case from a phone, with a name and a phone. */
function register() {
  const { db, store, desk } = feedbackStore(join(dir, 'queue.db'));
  const add = (code: string, day: string, over: Partial<NewFeedbackCase> = {}) =>
    store.feedback.insert(
      newFeedbackCase(code, day, {
        channel: 'phone',
        name: 'Lê Văn Cường',
        phone: '0900000001',
        consentVersion: 'v1',
        ...over,
      }),
    ).id;
  const answer = (id: number, text: string, when: Date, correction = false) =>
    store.feedback.answer(
      id,
      { answer: text, published: false, correction, wasPublished: false },
      when,
      desk,
    );
  return { db, store, desk, add, answer };
}

describe('feedback retention', () => {
  it('erases name, phone and files retentionDays after the close, in backups too', async () => {
    const { db, store, desk, add, answer } = register();
    const files = createFeedbackFileStore(dir);
    const [name] = files.save(
      await files.prepare([{ type: 'image/jpeg', data: PLAIN_JPEG.toString('base64') }]),
    );
    if (!name) throw new Error('not saved');
    // Does not qualify: closed without an answer on 10 Dec 15:00.
    const closed = add('AAAA1111', '2026-12-04');
    db.prepare(
      "INSERT INTO feedback_files (case_id, name, type, bytes, page, created_at) VALUES (?, ?, 'image/jpeg', 1, NULL, 0)",
    ).run(closed, name);
    store.feedback.close(closed, null, at('2026-12-10', 15), desk);
    // Still open, however old: kept.
    const open = add('BBBB2222', '2026-11-02');
    answer(add('CCCC3333', '2026-12-04'), 'Đã chấn chỉnh', at('2026-12-20'));
    const backup = join(dir, 'backup.db');
    db.exec(`VACUUM INTO '${backup}'`);

    let now = at('2027-01-09', 14); // closed 10 Dec 15:00 + 30 days = 9 Jan 15:00
    const job = new FeedbackRetention(
      store,
      { now: () => now },
      () => RETENTION_DAYS,
      files,
      () => [backup],
    );
    expect(job.run()).toBe(0);
    expect(store.feedback.byId(closed)?.phone).toBe('0900000001');

    now = at('2027-01-09', 16);
    expect(job.run()).toBe(1);
    expect(store.feedback.byId(closed)).toMatchObject({
      name: null,
      phone: null,
      text: 'Nội dung AAAA1111',
      personalErasedAt: now,
    });
    expect(store.feedback.files(closed)).toEqual([]);
    expect(store.feedback.history(closed).at(-1)).toMatchObject({ kind: 'erased', byUser: null });
    expect(readdirSync(join(dir, FEEDBACK_FILES_DIR))).toEqual([]);
    expect(store.feedback.byId(open)?.phone).toBe('0900000001');
    // The backup lost them too.
    const old = new Database(backup, { readonly: true });
    expect(old.prepare('SELECT name, phone FROM feedback_cases WHERE id = ?').get(closed)).toEqual({
      name: null,
      phone: null,
    });
    old.close();
    // Nothing more to do.
    expect(job.run()).toBe(0);
  });

  it('erases an answered case never closed retentionDays after its first answer (a correction does not restart it)', () => {
    const { store, add, answer } = register();
    const id = add('DDDD4444', '2026-12-07');
    answer(id, 'Đã chấn chỉnh', at('2026-12-08'));
    // Corrected a month later: the period still runs from the first answer, 8 Dec 09:00 → 7 Jan 09:00.
    answer(id, 'Đã chấn chỉnh, xin lỗi ông', at('2027-01-05'), true);
    let now = at('2027-01-07', 8);
    const job = new FeedbackRetention(
      store,
      { now: () => now },
      () => RETENTION_DAYS,
      createFeedbackFileStore(dir),
    );
    expect(job.run()).toBe(0);
    now = at('2027-01-07', 10);
    expect(job.run()).toBe(1);
    expect(store.feedback.byId(id)).toMatchObject({
      status: 'answered',
      name: null,
      phone: null,
      answer: 'Đã chấn chỉnh, xin lỗi ông',
      answeredAt: at('2026-12-08'),
    });
  });

  it('deletes pictures no case names once an hour old, and only those', async () => {
    const { db, store, add } = register();
    const files = createFeedbackFileStore(dir);
    const prepared = await files.prepare([{ type: 'image/jpeg', data: PLAIN_JPEG.toString('base64') }]);
    const [named, orphan, young] = [
      ...files.save(prepared),
      ...files.save(prepared),
      ...files.save(prepared),
    ];
    if (!named || !orphan || !young) throw new Error('not saved');
    const id = add('EEEE5555', '2026-12-07');
    db.prepare(
      "INSERT INTO feedback_files (case_id, name, type, bytes, page, created_at) VALUES (?, ?, 'image/jpeg', 1, NULL, 0)",
    ).run(id, named);
    const folder = join(dir, FEEDBACK_FILES_DIR);
    // Not a name the store makes: not ours to delete.
    writeFileSync(join(folder, 'README.txt'), 'x');
    const now = at('2026-12-07', 12);
    const twoHoursAgo = new Date(now.getTime() - 2 * 3_600_000);
    for (const name of [named, orphan, 'README.txt'])
      utimesSync(join(folder, name), twoHoursAgo, twoHoursAgo);
    const tenMinutesAgo = new Date(now.getTime() - 10 * 60_000);
    utimesSync(join(folder, young), tenMinutesAgo, tenMinutesAgo);

    const job = new FeedbackRetention(store, { now: () => now }, () => RETENTION_DAYS, files);
    expect(job.run()).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['README.txt', named, young].sort());
    expect(files.read(named)?.length).toBeGreaterThan(0);
  });
});
