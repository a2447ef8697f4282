import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { rawCodeOf, storageProblemOf } from '../errors.js';
import { listBackups } from './backup.js';
import { Store } from './store.js';

/**
 * What the server says when its database cannot serve at start (issue 17): a corrupt, read-only or full
 * `queue.db` stops the start with one clear message in Vietnamese and English naming the file and the newest
 * backup — never a bare "file is not a database", never "running" on a database that cannot take a ticket.
 */
export class DatabaseStartError extends Error {}

/** The newest backup in `DATA_DIR/backups`, by the same rule as rotation (the time in its name), or null. */
export function newestBackup(dataDir: string): string | null {
  const dir = join(dataDir, 'backups');
  const newest = listBackups(dir).at(-1);
  return newest === undefined ? null : join(dir, newest);
}

/** Opens the database (`open`, which migrates) and proves it takes a write; a failure is explained. */
export function openForServing(file: string, dataDir: string, open: () => Database): Database {
  let db: Database | undefined;
  try {
    db = open();
    new Store(db).health.write(Date.now());
    return db;
  } catch (e) {
    try {
      db?.close();
    } catch {
      // Closing what could not serve: nothing more to say than the original error.
    }
    throw new DatabaseStartError(explain(e, file, dataDir), { cause: e });
  }
}

function explain(e: unknown, file: string, dataDir: string): string {
  const code = rawCodeOf(e) ?? '';
  const detail = `${code ? `${code}: ` : ''}${e instanceof Error ? e.message : String(e)}`;
  const backup = newestBackup(dataDir);
  const corrupt = code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
  const full = storageProblemOf(code) === 'LAYSO_DISK_FULL';
  const what = corrupt
    ? {
        vi: `Tệp cơ sở dữ liệu bị hỏng hoặc không phải cơ sở dữ liệu: ${file}`,
        en: `The database file is corrupt or not a database: ${file}`,
      }
    : full
      ? {
          vi: `Hết dung lượng đĩa, không ghi được cơ sở dữ liệu: ${file}`,
          en: `The disk is full, the database cannot be written: ${file}`,
        }
      : {
          vi: `Không mở hoặc không ghi được cơ sở dữ liệu (chỉ đọc? quyền của tệp và thư mục?): ${file}`,
          en: `The database cannot be opened or written (read-only? file and folder permissions?): ${file}`,
        };
  const restore = backup
    ? [
        `Bản sao lưu mới nhất / newest backup: ${backup}`,
        corrupt
          ? 'Khôi phục: dừng dịch vụ, chuyển queue.db, queue.db-wal, queue.db-shm sang thư mục khác, chép bản sao lưu thành queue.db (README, "Backups and restore") / ' +
            'To restore: stop the service, move queue.db, queue.db-wal, queue.db-shm aside, copy the backup to queue.db (README, "Backups and restore")'
          : '',
      ]
    : [`Không có bản sao lưu trong / no backup in ${join(dataDir, 'backups')}`];
  return ['LấySố không khởi động được / cannot start', `${what.vi}`, `${what.en}`, `(${detail})`, ...restore]
    .filter(Boolean)
    .join('\n');
}
