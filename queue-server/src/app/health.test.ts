import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FloorAlert } from '@layso/protocol';
import { migrate } from '../db/migrate.js';
import { Store } from '../db/store.js';
import { storageAlert } from './floor.js';
import { storageProblemOf } from '../errors.js';
import { StorageHealth, freeBytesOf } from './health.js';

const MB = 1024 * 1024;

/** A StorageHealth over a real in-memory database, its free space faked. */
function setup(free: number | null = 500 * MB) {
  const db = new Database(':memory:');
  migrate(db);
  const store = new Store(db);
  let freeBytes = free;
  let now = 0;
  const health = new StorageHealth({
    probe: () => store.health.write(now),
    freeBytes: () => freeBytes,
    minFreeBytes: 200 * MB,
    now: () => now,
  });
  return {
    db,
    health,
    setFree: (b: number | null) => (freeBytes = b),
    advance: (ms: number) => (now += ms),
  };
}

describe('storage health', () => {
  it('a writable database with room: no problem, no alert; the probe row is rewritten', () => {
    const { db, health, advance } = setup();
    advance(1234);
    const s = health.check();
    expect(s).toEqual({
      writable: true,
      writeError: null,
      freeBytes: 500 * MB,
      minFreeBytes: 200 * MB,
      problem: null,
    });
    expect(db.prepare('SELECT checked_at FROM health_probe').get()).toEqual({ checked_at: 1234 });
    expect(storageAlert(s)).toBeNull();
  });

  it('a read-only database is found by the write, named in both languages on the floor', () => {
    const { db, health } = setup();
    db.pragma('query_only = ON');
    const s = health.check();
    expect(s.writable).toBe(false);
    expect(s.writeError).toMatch(/^SQLITE_READONLY/);
    expect(s.problem).toBe('LAYSO_DB_UNWRITABLE');
    const alert = FloorAlert.parse(storageAlert(s));
    expect(alert).toMatchObject({ kind: 'storage', severity: 'danger' });
    expect(alert.vi).toContain('Cơ sở dữ liệu của máy chủ không ghi được');
    expect(alert.en).toContain('cannot be written');
  });

  it('free space below the threshold is a full disk even while the write still succeeds', () => {
    const { health } = setup(50 * MB);
    const s = health.check();
    expect(s).toMatchObject({ writable: true, problem: 'LAYSO_DISK_FULL' });
    const alert = FloorAlert.parse(storageAlert(s));
    expect(alert.vi).toContain('còn 50 MB, cần ít nhất 200 MB');
    expect(alert.en).toContain('50 MB free');
  });

  it('recent() reuses a check for 10 s, then checks again', () => {
    const { health, setFree, advance } = setup();
    expect(health.recent().problem).toBeNull();
    setFree(MB);
    advance(9_000);
    expect(health.recent().problem).toBeNull();
    advance(1_000);
    expect(health.recent().problem).toBe('LAYSO_DISK_FULL');
    // check() never reuses.
    setFree(500 * MB);
    expect(health.check().problem).toBeNull();
  });

  it('maps SQLite codes of a refused write, and nothing else', () => {
    expect(storageProblemOf('SQLITE_FULL')).toBe('LAYSO_DISK_FULL');
    expect(storageProblemOf('SQLITE_READONLY')).toBe('LAYSO_DB_UNWRITABLE');
    expect(storageProblemOf('SQLITE_READONLY_DBMOVED')).toBe('LAYSO_DB_UNWRITABLE');
    expect(storageProblemOf('SQLITE_IOERR_WRITE')).toBe('LAYSO_DB_UNWRITABLE');
    expect(storageProblemOf('ENOSPC')).toBe('LAYSO_DISK_FULL');
    expect(storageProblemOf('EROFS')).toBe('LAYSO_DB_UNWRITABLE');
    expect(storageProblemOf('SQLITE_CONSTRAINT_UNIQUE')).toBeNull();
    expect(storageProblemOf(undefined)).toBeNull();
  });

  it('reads the real free space of a folder, null for one that does not exist', () => {
    expect(freeBytesOf('.')).toBeGreaterThan(0);
    expect(freeBytesOf('/no/such/folder/here')).toBeNull();
  });
});
