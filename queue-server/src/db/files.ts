import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The data folder holds citizens' names, phones and ID numbers (the database, its WAL, backups, printed slips):
 * owner only, whatever the process umask. Modes are set explicitly after creating, since the umask may widen
 * nothing but may also have been left permissive by a careless deployment.
 */
export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

/** A path whose mode was narrowed, with the mode it had (for the log). */
export interface Narrowed {
  path: string;
  was: string;
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/** Sets `mode` when `path` allows more than it; a missing path or a symbolic link is left alone. */
function narrow(path: string, mode: number, kind: 'dir' | 'file'): Narrowed | null {
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return null;
  }
  if (kind === 'dir' ? !st.isDirectory() : !st.isFile()) return null;
  if ((st.mode & 0o777 & ~mode) === 0) return null;
  chmodSync(path, mode);
  return { path, was: octal(st.mode) };
}

/** Creates `dir` (and parents) if missing; `dir` itself ends owner-only. */
export function privateDir(dir: string): Narrowed | null {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  return narrow(dir, PRIVATE_DIR, 'dir');
}

/** An existing file made owner-only. */
export function privateFile(file: string): Narrowed | null {
  return narrow(file, PRIVATE_FILE, 'file');
}

/** Creates `file` empty and owner-only when missing (so it is never readable by others, even for a moment). */
export function createPrivateFile(file: string): Narrowed | null {
  try {
    closeSync(openSync(file, 'a', PRIVATE_FILE));
  } catch {
    // Left to the caller's own open, which reports the real error (read-only folder, missing parent).
  }
  return privateFile(file);
}

/**
 * The SQLite database and its companions owner-only. SQLite gives `-wal` and `-shm` the mode of the database
 * file, so a 0600 database keeps them 0600 across checkpoints and restarts.
 */
export function privateDatabaseFiles(file: string): Narrowed[] {
  if (file === '' || file === ':memory:') return [];
  return [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]
    .map((f) => (f === file ? createPrivateFile(f) : privateFile(f)))
    .filter((n): n is Narrowed => n !== null);
}

/**
 * At start: the data folder 0700, and every folder and file in it (database, backups, printed slips, demo
 * credentials) owner-only. Returns what had wider modes, for the log.
 */
export function secureDataDir(dataDir: string): Narrowed[] {
  const fixed: Narrowed[] = [];
  const walk = (dir: string, depth: number) => {
    const d = privateDir(dir);
    if (d) fixed.push(d);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && depth < 2) walk(path, depth + 1);
      else if (entry.isFile()) {
        const f = privateFile(path);
        if (f) fixed.push(f);
      }
    }
  };
  walk(dataDir, 0);
  return fixed;
}
