import type { DeviceKind, LoginReply, Role } from '@layso/protocol';
import { newToken, SignInGate, tokenHash, type SignInLimits } from '@layso/server-kit';
import type { DeviceRow, Store, UserRow } from '../db/store.js';
import type { Clock } from '../domain/types.js';
import { toIso } from '../domain/time.js';
import { fail, rawCodeOf, storageProblemOf, type StorageProblem } from '../errors.js';

export type Principal =
  | {
      kind: 'user';
      user: UserRow;
      counterId: number | null;
      tokenHash: string;
      /**
       * Set while the session is held in memory (the database refused it): the storage's refusal, which its counter
       * actions answer, since its seat is not stored either.
       */
      unstored?: StorageProblem;
    }
  | { kind: 'device'; device: DeviceRow };

export interface AuthOptions extends SignInLimits {
  sessionTtlHours: number;
}

/** How often held sessions are offered to the database again (each offer is one write that may fail). */
const RESTORE_EVERY_MS = 5_000;
/** A held session written to the database, with the counter it may now open (null: none, or taken meanwhile). */
export interface Restored {
  userId: number;
  counterId: number | null;
}

export class AuthService {
  private readonly gate: SignInGate;
  private restoreAt = 0;
  /** Why the database last refused a held session (what those sessions' counter actions answer meanwhile). */
  private heldBecause: StorageProblem = 'LAYSO_DB_UNWRITABLE';
  private readonly restored = new Set<(sessions: Restored[]) => void>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly options: AuthOptions,
  ) {
    this.gate = new SignInGate(options);
  }

  /** A surge of failed sign-ins going on (for the floor), or null. */
  signInSurge(): { failures: number; since: Date } | null {
    const s = this.gate.surge(this.clock.now().getTime());
    return s && { failures: s.failures, since: new Date(s.since) };
  }

  /** Checks the password; an officer is bound to a counter (the one asked for, else their usual one). */
  async login(
    username: string,
    password: string,
    counterId: number | null | undefined,
    address: string,
  ): Promise<LoginReply> {
    const now = this.clock.now().getTime();
    const user = this.store.accounts.userByName(username);
    const refused = await this.gate.check(username, user?.passwordHash ?? null, password, address, now);
    if (refused || !user) return fail(refused ?? 'LAYSO_BAD_CREDENTIALS');
    // Only someone who knows the password learns that the account is disabled (and why they cannot sign in).
    if (!user.active) fail('LAYSO_USER_DISABLED');
    this.gate.succeed(username, address, now);
    let seat: number | null = null;
    if (counterId === null) {
      seat = null;
    } else if (user.role === 'officer') {
      seat = counterId ?? user.counterId;
      if (seat === null)
        fail('LAYSO_VALIDATION', { counterId: 'required for an officer without a usual counter' });
      if (!this.store.counters.byId(seat)) fail('LAYSO_COUNTER_NOT_FOUND');
    } else if (counterId !== undefined) {
      if (!this.store.counters.byId(counterId)) fail('LAYSO_COUNTER_NOT_FOUND');
      seat = counterId;
    }
    if (seat !== null) this.ensureFree(seat, user.id, now);
    const token = newToken('s');
    const expiresAt = now + this.options.sessionTtlHours * 3_600_000;
    // Sessions held during a fault go first, so this newer sign-in's seat wins over theirs.
    this.restoreHeld(now, true);
    try {
      this.store.transaction(() => {
        this.store.accounts.purgeSessions(now);
        if (seat !== null) this.store.counters.dropOtherSeats(user.id, seat);
        this.store.accounts.addSession(tokenHash(token), user.id, seat, now, expiresAt);
      });
    } catch (e) {
      // A full disk or a read-only database must not shut everyone out (issue 17: someone has to be able to
      // look): the session is held in memory until the database takes it (see AccountsRepo).
      const problem = storageProblemOf(rawCodeOf(e));
      if (!problem) throw e;
      this.heldBecause = problem;
      this.store.accounts.holdSession({
        tokenHash: tokenHash(token),
        userId: user.id,
        counterId: seat,
        createdAt: now,
        expiresAt,
      });
      this.restoreAt = now + RESTORE_EVERY_MS;
    }
    return {
      token,
      expiresAt: toIso(new Date(expiresAt)),
      user: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        counterId: seat,
        homeCounterId: user.counterId,
      },
    };
  }

  /**
   * A signed-in user moves their session to another counter (the console's "confirm your counter"): the seat
   * must be free; their seats elsewhere end, as with a new sign-in.
   */
  seat(principal: Extract<Principal, { kind: 'user' }>, counterId: number): void {
    if (!this.store.counters.byId(counterId)) fail('LAYSO_COUNTER_NOT_FOUND');
    // A citizen at the counter being left would be stranded there: finish or transfer them first.
    const here = principal.counterId === null ? null : this.store.counters.byId(principal.counterId);
    if (
      here &&
      here.id !== counterId &&
      here.officerId === principal.user.id &&
      here.currentTicketId !== null
    )
      fail('LAYSO_COUNTER_BUSY');
    this.ensureFree(counterId, principal.user.id, this.clock.now().getTime());
    // A stored session moves before the user's seats elsewhere are dropped, or it would be dropped with them; a
    // held one (in memory) moves only once the database's part has committed.
    const held = this.store.accounts.isHeld(principal.tokenHash);
    this.store.transaction(() => {
      if (!held) this.store.accounts.moveSession(principal.tokenHash, counterId);
      this.store.counters.dropOtherSeats(principal.user.id, counterId);
    });
    if (held) this.store.accounts.moveSession(principal.tokenHash, counterId);
  }

  /** Whether a session is held in memory because the database refused it (the sign-in opens no counter then). */
  isHeld(token: string): boolean {
    return this.store.accounts.isHeld(tokenHash(token));
  }

  /** Called with the held sessions just written to the database (their counters may open now). */
  onRestored(fn: (sessions: Restored[]) => void): () => void {
    this.restored.add(fn);
    return () => this.restored.delete(fn);
  }

  /**
   * Offers the held sessions to the database again (at most every few seconds unless `force`d): once it takes them
   * they are stored sessions like any other, and the listeners open their counters.
   */
  private restoreHeld(now: number, force = false): void {
    if (!this.store.accounts.hasHeld() || (!force && now < this.restoreAt)) return;
    this.restoreAt = now + RESTORE_EVERY_MS;
    const held = this.store.accounts.heldSessions();
    try {
      this.store.transaction(() => {
        this.store.accounts.purgeSessions(now);
        for (const s of held) {
          if (s.expiresAt <= now) continue;
          if (s.counterId !== null) this.store.counters.dropOtherSeats(s.userId, s.counterId);
          this.store.accounts.storeHeld(s);
        }
      });
    } catch (e) {
      const problem = storageProblemOf(rawCodeOf(e));
      if (!problem) throw e;
      this.heldBecause = problem;
      return;
    }
    this.store.accounts.release(held.map((s) => s.tokenHash));
    const live = held.filter((s) => s.expiresAt > now);
    const sessions = live.map((s) => ({
      userId: s.userId,
      counterId:
        s.counterId !== null && this.holderOf(s.counterId, s.userId, now) === null ? s.counterId : null,
    }));
    for (const fn of this.restored) fn(sessions);
  }

  /** Another user whose live session (stored or held) sits at the counter, or null. */
  private holderOf(counterId: number, userId: number, now: number): number | null {
    const seated = this.store.counters.byId(counterId)?.officerId ?? null;
    if (seated !== null && seated !== userId && this.store.counters.isSeated(seated, counterId, now))
      return seated;
    const held = this.store.accounts
      .heldSessions()
      .find((s) => s.counterId === counterId && s.userId !== userId && s.expiresAt > now);
    return held?.userId ?? null;
  }

  /** A counter held by another officer's live session is theirs; the refusal says who holds it. */
  private ensureFree(counterId: number, userId: number, now: number): void {
    const holder = this.holderOf(counterId, userId, now);
    if (holder !== null) {
      fail('LAYSO_COUNTER_TAKEN', { holder: this.store.accounts.user(holder)?.displayName ?? null });
    }
  }

  logout(principal: Principal): void {
    if (principal.kind === 'user') this.store.accounts.deleteSession(principal.tokenHash);
  }

  /** The principal behind a bearer token, or null (unknown, expired, revoked). */
  resolve(token: string | undefined): Principal | null {
    if (!token || token.length > 512) return null;
    const h = tokenHash(token);
    if (token.startsWith('s_')) {
      // A held session's own request offers it to the database at once (an officer's pace); others', every 5 s.
      this.restoreHeld(this.clock.now().getTime(), this.store.accounts.isHeld(h));
      const s = this.store.accounts.session(h);
      if (!s || s.expiresAt <= this.clock.now().getTime()) return null;
      const user = this.store.accounts.user(s.userId);
      if (!user || !user.active) return null;
      const held = this.store.accounts.isHeld(h) ? { unstored: this.heldBecause } : {};
      return { kind: 'user', user, counterId: s.counterId, tokenHash: h, ...held };
    }
    const device = this.store.devices.byTokenHash(h);
    return device ? { kind: 'device', device } : null;
  }

  registerDevice(
    kind: DeviceKind,
    name: string,
    counterId: number | null,
  ): { device: DeviceRow; token: string } {
    return registerDevice(this.store, this.clock, kind, name, counterId);
  }
}

/** A new device with its token (shown once; only its hash is kept). Also used by the demo's seeding. */
export function registerDevice(
  store: Store,
  clock: Clock,
  kind: DeviceKind,
  name: string,
  counterId: number | null,
): { device: DeviceRow; token: string } {
  if (counterId !== null && !store.counters.byId(counterId)) fail('LAYSO_COUNTER_NOT_FOUND');
  const token = newToken(kind[0] ?? 'd');
  const id = store.devices.add(kind, name, counterId, tokenHash(token), clock.now().getTime());
  return { device: store.devices.byId(id) as DeviceRow, token };
}

export function hasRole(p: Principal | null, ...roles: Role[]): p is Extract<Principal, { kind: 'user' }> {
  return p?.kind === 'user' && roles.includes(p.user.role);
}

export function isDevice(
  p: Principal | null,
  ...kinds: DeviceKind[]
): p is Extract<Principal, { kind: 'device' }> {
  return p?.kind === 'device' && kinds.includes(p.device.kind);
}
