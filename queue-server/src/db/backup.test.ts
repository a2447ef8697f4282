import { mkdtempSync, rmSync } from 'node:fs';
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
    const copy = new Database(first.file, { readonly: true });
    expect(copy.prepare("SELECT value FROM settings WHERE key = 'k'").get()).toEqual({ value: 'v' });
    copy.close();
    for (let i = 0; i < 3; i++) {
      clock.advance(60_000);
      await backups.run();
    }
    const files = backups.list();
    expect(files).toHaveLength(2);
    // Two at once in the same second: both land, under different names.
    const [x, y] = await Promise.all([backups.run(), backups.run()]);
    expect(x.file).not.toBe(y.file);
    expect(backups.list()).toHaveLength(2);
    expect(files.at(-1)).toBe('queue-20261130120300.db');
    db.close();
  });
});
