import Database from 'better-sqlite3';
import { privateDatabaseFiles } from './files.js';
import { migrate } from './migrate.js';

/**
 * Opens (or creates) the queue database: WAL with synchronous=FULL so a committed ticket survives a crash or
 * power cut, foreign keys on, then migrates to the newest schema. The file is made owner-only (0600) before
 * SQLite opens it, whatever the umask; SQLite gives its `-wal` and `-shm` the same mode.
 */
export function openDatabase(file: string, options: { migrateTo?: number } = {}): Database.Database {
  privateDatabaseFiles(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, options.migrateTo);
  return db;
}
