import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../testing/harness.js';
import { vnInstant } from '../domain/time.js';
import { Backups } from './backup.js';
import { openDatabase } from './open.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('online backups', () => {
  it('copy a consistent database while it is open, and keep only the newest files', async () => {
    dir = mkdtempSync(join(tmpdir(), 'layso-backup-'));
    const db = openDatabase(join(dir, 'queue.db'));
    db.prepare("INSERT INTO settings (key, value) VALUES ('k', 'v')").run();
    const clock = new ManualClock(vnInstant('2026-11-30', 12 * 60));
    const backups = new Backups(db, join(dir, 'backups'), clock, { keep: 2, hour: 12 });
    const first = await backups.run();
    expect(first.file).toBe(join(dir, 'backups', 'queue-20261130T120000.000-000.db'));
    const copy = new Database(first.file, { readonly: true });
    expect(copy.prepare("SELECT value FROM settings WHERE key = 'k'").get()).toEqual({ value: 'v' });
    copy.close();
    for (let i = 0; i < 3; i++) {
      clock.advance(60_000);
      await backups.run();
    }
    const files = backups.list();
    expect(files).toEqual(['queue-20261130T120200.000-000.db', 'queue-20261130T120300.000-000.db']);
    // Two at once in the same millisecond as the last one: both land, numbered after it.
    const [x, y] = await Promise.all([backups.run(), backups.run()]);
    expect(x.file).not.toBe(y.file);
    expect(backups.list()).toEqual(['queue-20261130T120300.000-001.db', 'queue-20261130T120300.000-002.db']);
    db.close();
  });

  it('makes 20 backups in one second: every one answers, the newest 7 stay, sorted by time', async () => {
    dir = mkdtempSync(join(tmpdir(), 'layso-backup-'));
    const db = openDatabase(join(dir, 'queue.db'));
    const clock = new ManualClock(vnInstant('2026-11-30', 12 * 60));
    const backupDir = join(dir, 'backups');
    // Backups named before issue 17, earlier that day: "-10" sorted before "-9" as text.
    mkdirSync(backupDir);
    for (const legacy of [
      'queue-20261130115900.db',
      'queue-20261130115900-9.db',
      'queue-20261130115900-10.db',
    ])
      writeFileSync(join(backupDir, legacy), '');
    const backups = new Backups(db, backupDir, clock, { keep: 7, hour: 12 });
    expect(backups.list()).toEqual([
      'queue-20261130115900.db',
      'queue-20261130115900-9.db',
      'queue-20261130115900-10.db',
    ]);
    const made: string[] = [];
    for (let i = 0; i < 20; i++) {
      clock.advance(i % 4 === 0 ? 1 : 0); // several in the same millisecond, all in the same second
      const done = await backups.run();
      // The one just made is never the one rotation deletes.
      expect(existsSync(done.file)).toBe(true);
      made.push(done.file.slice(backupDir.length + 1));
    }
    expect(new Set(made).size).toBe(20);
    // Text order is time order: the names as made are already sorted.
    expect([...made].sort()).toEqual(made);
    expect(backups.list()).toEqual(made.slice(-7));
    // 20 concurrent requests (a double-clicking admin, a script): none fails, the newest 7 stay.
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => backups.run()));
    const files = results.map((r) => (r.status === 'fulfilled' ? r.value.file : null));
    expect(files).not.toContain(null);
    // One at a time, in order: the last 7 answered are the 7 kept.
    expect(backups.files()).toEqual(files.slice(-7));
    db.close();
  });

  it('keeps the backup just made even when the clock went back', async () => {
    dir = mkdtempSync(join(tmpdir(), 'layso-backup-'));
    const db = openDatabase(join(dir, 'queue.db'));
    const clock = new ManualClock(vnInstant('2026-11-30', 12 * 60));
    const backups = new Backups(db, join(dir, 'backups'), clock, { keep: 2, hour: 12 });
    await backups.run();
    clock.advance(60_000);
    await backups.run();
    clock.advance(-3_600_000);
    const back = await backups.run();
    expect(existsSync(back.file)).toBe(true);
    expect(backups.list()).toEqual(['queue-20261130T110100.000-000.db', 'queue-20261130T120100.000-000.db']);
    db.close();
  });
});
