import { statfsSync } from 'node:fs';
import type { ErrorCode } from '@layso/protocol';
import { rawCodeOf, storageProblemOf } from '../errors.js';

/**
 * Whether the server can keep what it is told (issue 17): the database takes a write (the health probe's one row)
 * and DATA_DIR's file system has room. `/api/health`, the floor's alert and `/metrics` all read this.
 */
export interface StorageStatus {
  writable: boolean;
  /** SQLite's code when the probe's write failed (SQLITE_READONLY, SQLITE_FULL, SQLITE_IOERR_…). */
  writeError: string | null;
  freeBytes: number | null;
  minFreeBytes: number;
  /** Why the server cannot keep what it is told, as the code a refused write answers; null when it can. */
  problem: Extract<ErrorCode, 'LAYSO_DISK_FULL' | 'LAYSO_DB_UNWRITABLE'> | null;
}

export interface StorageSources {
  /** Writes the probe row; throws SQLite's error when it cannot. */
  probe(): void;
  /** Free bytes of DATA_DIR's file system for an unprivileged user; null when unknown. */
  freeBytes(): number | null;
  minFreeBytes: number;
  /** Milliseconds, for how long a check is reused (the floor is rebuilt often). */
  now?: () => number;
}

/** Free bytes available to the server's user on the file system holding `dir` (null if the system will not say). */
export function freeBytesOf(dir: string): number | null {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

const REUSE_MS = 10_000;

export class StorageHealth {
  private last: { at: number; status: StorageStatus } | null = null;
  private readonly now: () => number;

  constructor(private readonly src: StorageSources) {
    this.now = src.now ?? Date.now;
  }

  /** Checks now: one write and one statfs. */
  check(): StorageStatus {
    let writeError: string | null = null;
    try {
      this.src.probe();
    } catch (e) {
      writeError = rawCodeOf(e) ?? (e instanceof Error ? e.message : String(e));
    }
    const freeBytes = this.src.freeBytes();
    const lowDisk = freeBytes !== null && freeBytes < this.src.minFreeBytes;
    // A write refused for a known reason says which; a low disk, or a write refused for another, says the rest.
    const problem =
      storageProblemOf(writeError) ??
      (lowDisk ? 'LAYSO_DISK_FULL' : writeError !== null ? 'LAYSO_DB_UNWRITABLE' : null);
    const status: StorageStatus = {
      writable: writeError === null,
      writeError,
      freeBytes,
      minFreeBytes: this.src.minFreeBytes,
      problem,
    };
    this.last = { at: this.now(), status };
    return status;
  }

  /** The last check if it is recent, else a new one (for views rebuilt many times a minute). */
  recent(): StorageStatus {
    const last = this.last;
    return last && this.now() - last.at < REUSE_MS ? last.status : this.check();
  }
}
