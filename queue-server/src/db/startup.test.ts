import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './open.js';
import { DatabaseStartError, newestBackup, openForServing } from './startup.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'layso-startup-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A backup file whose modification time is `secondsAgo` in the past. */
function backup(name: string, secondsAgo: number): string {
  mkdirSync(join(dir, 'backups'), { recursive: true });
  const file = join(dir, 'backups', name);
  writeFileSync(file, 'x');
  const t = Date.now() / 1000 - secondsAgo;
  utimesSync(file, t, t);
  return file;
}

describe('opening the database at start', () => {
  it('the newest backup is the one rotation keeps as newest: by the time in its name, not as text', () => {
    expect(newestBackup(dir)).toBeNull();
    backup('queue-20261203120000-9.db', 10);
    const newest = backup('queue-20261203120000-10.db', 300);
    backup('queue-20261203120000.db.partial', 1);
    expect(newestBackup(dir)).toBe(newest);
  });

  it('a healthy file opens, migrated and writable', () => {
    const file = join(dir, 'queue.db');
    const db = openForServing(file, dir, () => openDatabase(file));
    expect(db.prepare('SELECT count(*) AS n FROM health_probe').get()).toEqual({ n: 1 });
    db.close();
  });

  it('a read-only database is refused with the file and the newest backup, in both languages', () => {
    const file = join(dir, 'queue.db');
    openDatabase(file).close();
    const newest = backup('queue-20261206120000.db', 5);
    // Opened read-only as a read-only file or mount would be (tests may run as root, where chmod does not bite).
    const attempt = () => openForServing(file, dir, () => new Database(file, { readonly: true }));
    expect(attempt).toThrow(DatabaseStartError);
    expect(attempt).toThrow(
      new RegExp(
        [
          `Không mở hoặc không ghi được cơ sở dữ liệu .*: ${file}`,
          `The database cannot be opened or written .*: ${file}`,
          `\\(SQLITE_READONLY: .*\\)`,
          `Bản sao lưu mới nhất / newest backup: ${newest}`,
        ].join('\\n'),
      ),
    );
  });

  it('a corrupt file is named, with the way back from a backup or the folder that has none', () => {
    const file = join(dir, 'queue.db');
    writeFileSync(file, Buffer.alloc(8192, 7));
    const attempt = () => openForServing(file, dir, () => openDatabase(file));
    expect(attempt).toThrow(`Tệp cơ sở dữ liệu bị hỏng hoặc không phải cơ sở dữ liệu: ${file}`);
    expect(attempt).toThrow(`Không có bản sao lưu trong / no backup in ${join(dir, 'backups')}`);
    backup('queue-20261206120000.db', 5);
    expect(attempt).toThrow(/Khôi phục: .* \/ To restore: /);
  });
});
