import type { Database } from 'better-sqlite3';
import type { Role } from '@layso/protocol';
import { bit } from './sql.js';

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  counterId: number | null;
  active: boolean;
}

export interface SessionRow {
  userId: number;
  counterId: number | null;
  expiresAt: number;
}

/** A session the database refused to write (a full disk, a read-only file), kept in memory instead. */
export interface HeldSession extends SessionRow {
  tokenHash: string;
  createdAt: number;
}

interface UserRecord {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  counter_id: number | null;
  active: number;
}

function toUser(r: UserRecord): UserRow {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    passwordHash: r.password_hash,
    counterId: r.counter_id,
    active: r.active === 1,
  };
}

/** The accounts' and sessions' statements, typed by their parameters and rows. */
function prepare(db: Database) {
  return {
    users: db.prepare<[], UserRecord>('SELECT * FROM users ORDER BY id'),
    user: db.prepare<[number], UserRecord>('SELECT * FROM users WHERE id = ?'),
    userByName: db.prepare<[string], UserRecord>('SELECT * FROM users WHERE username = ?'),
    insertUser: db.prepare<Omit<UserRow, 'id' | 'active'>>(
      `INSERT INTO users (username, display_name, role, password_hash, counter_id)
        VALUES (@username, @displayName, @role, @passwordHash, @counterId)`,
    ),
    updateUser: db.prepare<Pick<UserRow, 'id' | 'displayName' | 'role' | 'counterId'> & { active: 0 | 1 }>(
      `UPDATE users SET display_name = @displayName, role = @role, counter_id = @counterId,
        active = @active WHERE id = @id`,
    ),
    setPasswordHash: db.prepare<[string, number]>('UPDATE users SET password_hash = ? WHERE id = ?'),
    deleteUserSessions: db.prepare<[number, string | null]>(
      'DELETE FROM sessions WHERE user_id = ? AND token_hash IS NOT ?',
    ),
    insertSession: db.prepare<[string, number, number | null, number, number]>(
      'INSERT INTO sessions (token_hash, user_id, counter_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    ),
    session: db.prepare<[string], { user_id: number; counter_id: number | null; expires_at: number }>(
      'SELECT user_id, counter_id, expires_at FROM sessions WHERE token_hash = ?',
    ),
    deleteSession: db.prepare<[string]>('DELETE FROM sessions WHERE token_hash = ?'),
    moveSession: db.prepare<[number, string]>('UPDATE sessions SET counter_id = ? WHERE token_hash = ?'),
    purgeSessions: db.prepare<[number]>('DELETE FROM sessions WHERE expires_at <= ?'),
  };
}

/**
 * Officers' and admins' accounts and their sessions (seats at counters: `CountersRepo`).
 *
 * Sessions live in the `sessions` table, except the ones the database refused to write (issue 17: signing in must
 * keep working on a full disk, so that someone can look): those are *held* here in memory, answered by `session()`,
 * ended by `deleteSession()` / `deleteUserSessions()` / `purgeSessions()` like stored ones, until `AuthService`
 * writes them once the database takes writes again. A restart forgets a held session: its owner signs in again.
 */
export class AccountsRepo {
  private readonly st: ReturnType<typeof prepare>;
  private readonly held = new Map<string, HeldSession>();

  constructor(db: Database) {
    this.st = prepare(db);
  }

  users(): UserRow[] {
    return this.st.users.all().map(toUser);
  }
  user(id: number): UserRow | null {
    const r = this.st.user.get(id);
    return r ? toUser(r) : null;
  }
  userByName(username: string): UserRow | null {
    const r = this.st.userByName.get(username);
    return r ? toUser(r) : null;
  }
  addUser(u: Omit<UserRow, 'id' | 'active'>): number {
    return Number(
      this.st.insertUser.run({
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        passwordHash: u.passwordHash,
        counterId: u.counterId,
      }).lastInsertRowid,
    );
  }
  /** An admin's change of an account (never its username or password). */
  updateUser(u: Pick<UserRow, 'id' | 'displayName' | 'role' | 'counterId' | 'active'>): void {
    this.st.updateUser.run({
      id: u.id,
      displayName: u.displayName,
      role: u.role,
      counterId: u.counterId,
      active: bit(u.active),
    });
  }
  setPasswordHash(userId: number, passwordHash: string): void {
    this.st.setPasswordHash.run(passwordHash, userId);
  }
  /** Ends a user's sessions (all of them, or all but `keepTokenHash`), held ones too; returns how many ended. */
  deleteUserSessions(userId: number, keepTokenHash: string | null = null): number {
    // The stored ones first: if the database refuses, nothing has ended (the caller's write fails as a whole).
    let ended = this.st.deleteUserSessions.run(userId, keepTokenHash).changes;
    for (const s of [...this.held.values()]) {
      if (s.userId === userId && s.tokenHash !== keepTokenHash)
        ended += Number(this.held.delete(s.tokenHash));
    }
    return ended;
  }
  addSession(
    tokenHash: string,
    userId: number,
    counterId: number | null,
    at: number,
    expiresAt: number,
  ): void {
    this.st.insertSession.run(tokenHash, userId, counterId, at, expiresAt);
  }
  session(tokenHash: string): SessionRow | null {
    const held = this.held.get(tokenHash);
    if (held) return { userId: held.userId, counterId: held.counterId, expiresAt: held.expiresAt };
    const r = this.st.session.get(tokenHash);
    return r ? { userId: r.user_id, counterId: r.counter_id, expiresAt: r.expires_at } : null;
  }
  /** Ends one session; a held one without touching the database (so signing out works on a full disk). */
  deleteSession(tokenHash: string): void {
    if (!this.held.delete(tokenHash)) this.st.deleteSession.run(tokenHash);
  }
  moveSession(tokenHash: string, counterId: number): void {
    const held = this.held.get(tokenHash);
    if (held) held.counterId = counterId;
    else this.st.moveSession.run(counterId, tokenHash);
  }
  purgeSessions(now: number): void {
    this.st.purgeSessions.run(now);
    for (const s of [...this.held.values()]) if (s.expiresAt <= now) this.held.delete(s.tokenHash);
  }

  /**
   * Keeps a session the database refused in memory. As a stored sign-in does, it ends the user's held sessions
   * seated at another counter (the stored ones end when it is written).
   */
  holdSession(s: HeldSession): void {
    if (s.counterId !== null) {
      for (const other of [...this.held.values()]) {
        if (other.userId === s.userId && other.counterId !== null && other.counterId !== s.counterId)
          this.held.delete(other.tokenHash);
      }
    }
    this.held.set(s.tokenHash, { ...s });
  }
  hasHeld(): boolean {
    return this.held.size > 0;
  }
  isHeld(tokenHash: string): boolean {
    return this.held.has(tokenHash);
  }
  /** The held sessions, oldest first. */
  heldSessions(): HeldSession[] {
    return [...this.held.values()].sort((a, b) => a.createdAt - b.createdAt).map((s) => ({ ...s }));
  }
  /** Writes a held session into the table (inside the caller's transaction); `release` then forgets it. */
  storeHeld(s: HeldSession): void {
    this.st.insertSession.run(s.tokenHash, s.userId, s.counterId, s.createdAt, s.expiresAt);
  }
  /** Forgets held sessions once their rows are committed. */
  release(tokenHashes: readonly string[]): void {
    for (const h of tokenHashes) this.held.delete(h);
  }
}
