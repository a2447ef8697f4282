import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { FloorState, Health, errorMessage } from '@layso/protocol';
import { ManualClock, startHarness, type Harness } from '../testing/harness.js';
import { issue, login, socket } from '../testing/kit.js';

/**
 * A full disk or a read-only database (issue 17), injected on the server's own connection: `PRAGMA query_only`
 * refuses every write with SQLITE_READONLY, `PRAGMA max_page_count` at the file's size refuses growth with
 * SQLITE_FULL — SQLite's own errors, raised where a real disk would raise them.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const serviceId = () => h.store.catalogue.services()[0]!.id;
const kiosk = () => h.credentials.kioskToken;

/** Makes the server's database read-only for the rest of the test. */
function readOnly(): void {
  h.store.db.pragma('query_only = ON');
  onTestFinished(() => {
    h.store.db.pragma('query_only = OFF');
  });
}

describe('a read-only database', () => {
  it('health says 200 with the disk and a writable database while all is well', async () => {
    const r = await h.api('/api/health');
    expect(r.status).toBe(200);
    const health = Health.parse(r.body);
    expect(health.database.writable).toBe(true);
    expect(health.disk.freeBytes).toBeGreaterThan(0);
    expect(health.disk.minFreeBytes).toBe(200 * 1024 * 1024);
  });

  it('health answers 503 with the reason in both languages; /metrics shows it', async () => {
    readOnly();
    const r = await h.api('/api/health');
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('LAYSO_DB_UNWRITABLE');
    expect(r.body.error.message).toBe(errorMessage('LAYSO_DB_UNWRITABLE'));
    expect(r.body.error.message).toMatch(
      /^Cơ sở dữ liệu của máy chủ không ghi được .* \/ The server's database cannot be written/,
    );
    expect(r.body.error.details.database).toEqual({ writable: false, error: 'SQLITE_READONLY' });
    const metrics = await fetch(`${h.url}/metrics`).then((res) => res.text());
    expect(metrics).toMatch(/^layso_db_writable 0$/m);
    expect(metrics).toMatch(/^layso_disk_free_bytes [1-9]\d*$/m);
  });

  it('a write is refused with 503, not 500; reads with an open session keep working', async () => {
    const officer = await login(h, 0);
    readOnly();
    const issued = await h.api('/api/tickets', { token: kiosk(), body: { serviceId: serviceId() } });
    expect(issued.status).toBe(503);
    expect(issued.body.error.code).toBe('LAYSO_DB_UNWRITABLE');
    const call = await h.api(`/api/counters/${officer.counterId}/call-next`, {
      token: officer.token,
      method: 'POST',
    });
    expect(call.status).toBe(503);
    expect(call.body.error.code).toBe('LAYSO_DB_UNWRITABLE');

    expect((await h.api('/api/services')).status).toBe(200);
    expect((await h.api('/api/services', { token: kiosk() })).status).toBe(200);
    expect((await h.api('/api/auth/me', { token: officer.token })).status).toBe(200);
  });

  it('a report over closed days not aggregated yet still answers (read from the tickets), the same figures', async () => {
    const admin = await login(h, h.credentials.admin.username);
    const path = '/api/reports?from=2025-03-01&to=2025-03-31';
    const stored = () =>
      h.store.db.prepare('SELECT COUNT(*) AS n FROM report_closed_days').get() as { n: number };
    const before = stored().n;
    readOnly();
    const during = await h.api(path, { token: admin.token });
    expect(during.status).toBe(200);
    expect(stored().n).toBe(before);
    h.store.db.pragma('query_only = OFF');
    const after = await h.api(path, { token: admin.token });
    expect(after.status).toBe(200);
    expect(stored().n).toBe(before + 31);
    expect(during.body).toEqual(after.body);
  });

  it('a counter-top rating over the socket is refused with the same 503 code, not LAYSO_INTERNAL', async () => {
    const officer = await login(h, 1);
    const top = h.credentials.counterTopUrls.find((c) => c.counterId === officer.counterId);
    if (!top) throw new Error('no counter-top screen for this counter');
    const screen = socket(h, '/counter', { token: new URL(top.url).hash.replace(/^#token=/, '') });
    const t = await issue(h, h.store.counters.byId(officer.counterId)?.serviceIds[0] ?? 0);
    for (let i = 0; i < 100; i++) {
      const called = await h.api(`/api/counters/${officer.counterId}/call-next`, {
        token: officer.token,
        method: 'POST',
      });
      expect(called.status).toBe(200);
      if (called.body.ticket.id === t.id) break;
      await h.api(`/api/tickets/${called.body.ticket.id}/no-show`, { token: officer.token, method: 'POST' });
    }
    const finished = await h.api(`/api/tickets/${t.id}/finish`, {
      token: officer.token,
      body: { outcome: 'guidance' },
    });
    expect(finished.status).toBe(200);
    readOnly();
    const ack = await screen.emitWithAck('rating:submit', { ticketId: t.id, rating: 'satisfied' });
    expect(ack).toEqual({
      ok: false,
      error: { code: 'LAYSO_DB_UNWRITABLE', message: errorMessage('LAYSO_DB_UNWRITABLE') },
    });
  });

  it('the supervisors’ floor shows a storage alert, bilingual', () => {
    const ctx = h.server.ctx;
    ctx.storage.check();
    expect(ctx.floor.state().alerts.filter((a) => a.kind === 'storage')).toEqual([]);
    readOnly();
    ctx.storage.check();
    const floor = FloorState.parse(ctx.floor.state());
    const alert = floor.alerts.find((a) => a.kind === 'storage');
    expect(alert).toMatchObject({ severity: 'danger' });
    expect(alert?.vi).toContain('Cơ sở dữ liệu của máy chủ không ghi được (SQLITE_READONLY)');
    expect(alert?.en).toContain('cannot be written');
    h.store.db.pragma('query_only = OFF');
    ctx.storage.check();
    expect(ctx.floor.state().alerts.filter((a) => a.kind === 'storage')).toEqual([]);
  });
});

describe('a full disk', () => {
  it('a write that needs room answers 503 LAYSO_DISK_FULL in both languages', async () => {
    const db = h.store.db;
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    onTestFinished(() => {
      db.pragma('max_page_count = 4294967294');
    });
    // The file's last pages have some room left: issue until it runs out (bounded).
    let refused: { status: number; body: { error: { code: string; message: string } } } | null = null;
    for (let i = 0; i < 500 && !refused; i++) {
      const r = await h.api('/api/tickets', {
        token: kiosk(),
        body: {
          serviceId: serviceId(),
          intake: { consent: true, fullName: `Nguyễn Văn ${'A'.repeat(100)}` },
        },
      });
      if (r.status !== 201) refused = r;
    }
    expect(refused?.status).toBe(503);
    expect(refused?.body.error.code).toBe('LAYSO_DISK_FULL');
    expect(refused?.body.error.message).toBe(errorMessage('LAYSO_DISK_FULL'));
    expect((await h.api('/api/services')).status).toBe(200);
  });
});

describe('signing in while the database refuses writes (someone must be able to look)', () => {
  const clock = new ManualClock(new Date());
  let s: Harness;
  beforeAll(async () => {
    s = await startHarness({ clock });
  });
  afterAll(async () => {
    await s.close();
  });
  const signIn = (who: { username: string; password: string }, counterId?: number) =>
    s.api('/api/auth/login', {
      body: { username: who.username, password: who.password, ...(counterId ? { counterId } : {}) },
    });

  it('an officer signs in (200) and reads; writes answer 503; once writable the held session is stored and acts', async () => {
    const account = s.credentials.officers[2]!;
    // Seated before the fault (the counter shows them), then signs in again on the console during it.
    const before = await login(s, account.username);
    s.store.db.pragma('query_only = ON');
    onTestFinished(() => {
      s.store.db.pragma('query_only = OFF');
    });
    const during = await signIn(account, before.counterId);
    expect(during.status, JSON.stringify(during.body)).toBe(200);
    const token: string = during.body.token;
    expect(during.body.user.counterId).toBe(before.counterId);
    expect(s.server.ctx.auth.isHeld(token)).toBe(true);

    const queue = await s.api(`/api/counters/${before.counterId}/queue`, { token });
    expect(queue.status).toBe(200);
    expect((await s.api('/api/auth/me', { token })).status).toBe(200);
    const call = await s.api(`/api/counters/${before.counterId}/call-next`, { token, method: 'POST' });
    expect(call.status).toBe(503);
    expect(call.body.error).toEqual({
      code: 'LAYSO_DB_UNWRITABLE',
      message: errorMessage('LAYSO_DB_UNWRITABLE'),
    });
    const issued = await s.api('/api/tickets', {
      token: s.credentials.kioskToken,
      body: { serviceId: s.store.counters.byId(before.counterId)!.serviceIds[0] },
    });
    expect(issued.status).toBe(503);

    // The admin signs in to look, and signs out again: neither needs the database.
    const admin = await signIn(s.credentials.admin);
    expect(admin.status).toBe(200);
    const adminToken: string = admin.body.token;
    expect((await s.api('/api/admin/users', { token: adminToken })).status).toBe(200);
    expect((await s.api('/api/auth/logout', { token: adminToken, method: 'POST' })).status).toBe(200);
    expect((await s.api('/api/auth/me', { token: adminToken })).status).toBe(401);

    // The database takes writes again: the next request of the held session stores it, and it acts.
    s.store.db.pragma('query_only = OFF');
    const rows = () =>
      s.store.db.prepare('SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?').get(during.body.user.id) as {
        n: number;
      };
    const stored = rows().n;
    const again = await s.api(`/api/counters/${before.counterId}/call-next`, { token, method: 'POST' });
    expect([200, 204]).toContain(again.status);
    expect(s.server.ctx.auth.isHeld(token)).toBe(false);
    expect(rows().n).toBe(stored + 1);
    expect(s.store.counters.byId(before.counterId)?.officerId).toBe(during.body.user.id);

    expect((await s.api('/api/auth/logout', { token, method: 'POST' })).status).toBe(200);
    expect((await s.api('/api/auth/me', { token })).status).toBe(401);
  });

  it('an officer new to a counter signed in during the fault gets it once the session is stored', async () => {
    const account = s.credentials.officers[3]!;
    s.store.db.pragma('query_only = ON');
    const during = await signIn(account);
    s.store.db.pragma('query_only = OFF');
    expect(during.status).toBe(200);
    const token: string = during.body.token;
    const counterId: number = during.body.user.counterId;
    expect(s.store.counters.byId(counterId)?.officerId).not.toBe(during.body.user.id);
    // Another officer cannot take the counter the held session sits at.
    const other = s.credentials.officers[4]!;
    const taken = await signIn(other, counterId);
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('LAYSO_COUNTER_TAKEN');

    expect((await s.api('/api/auth/me', { token })).status).toBe(200);
    expect(s.server.ctx.auth.isHeld(token)).toBe(false);
    expect(s.store.counters.byId(counterId)?.officerId).toBe(during.body.user.id);
    const call = await s.api(`/api/counters/${counterId}/call-next`, { token, method: 'POST' });
    expect([200, 204]).toContain(call.status);
    expect((await s.api('/api/auth/logout', { token, method: 'POST' })).status).toBe(200);
  });

  /**
   * A held session new to its counter: the seat is not stored (storing it is a write), so its counter actions
   * answer the storage's refusal — not "not your counter" (409), which would send the officer to the wrong fix.
   */
  async function actsRefusedWithReason(
    token: string,
    counterId: number,
    reason: 'LAYSO_DISK_FULL' | 'LAYSO_DB_UNWRITABLE',
  ): Promise<void> {
    expect(s.server.ctx.auth.isHeld(token)).toBe(true);
    expect((await s.api(`/api/counters/${counterId}/queue`, { token })).status).toBe(200);
    const call = await s.api(`/api/counters/${counterId}/call-next`, { token, method: 'POST' });
    expect(call.status, JSON.stringify(call.body)).toBe(503);
    expect(call.body.error).toEqual({ code: reason, message: errorMessage(reason) });
    const pause = await s.api(`/api/counters/${counterId}/pause`, { token, body: { paused: true } });
    expect(pause.status, JSON.stringify(pause.body)).toBe(503);
    expect(pause.body.error.code).toBe(reason);
    expect(s.server.ctx.auth.isHeld(token)).toBe(true);
  }

  it('an officer new to a counter signed in on a read-only database: call-next answers 503 LAYSO_DB_UNWRITABLE', async () => {
    const account = s.credentials.officers[6]!;
    s.store.db.pragma('query_only = ON');
    onTestFinished(() => {
      s.store.db.pragma('query_only = OFF');
    });
    const during = await signIn(account);
    expect(during.status).toBe(200);
    const token: string = during.body.token;
    const counterId: number = during.body.user.counterId;
    expect(s.store.counters.byId(counterId)?.officerId).not.toBe(during.body.user.id);
    await actsRefusedWithReason(token, counterId, 'LAYSO_DB_UNWRITABLE');

    // Writable again: the same session's next action stores it, opens the counter and acts.
    s.store.db.pragma('query_only = OFF');
    const call = await s.api(`/api/counters/${counterId}/call-next`, { token, method: 'POST' });
    expect([200, 204]).toContain(call.status);
    expect(s.server.ctx.auth.isHeld(token)).toBe(false);
    expect((await s.api('/api/auth/logout', { token, method: 'POST' })).status).toBe(200);
  });

  it('an officer new to a counter signed in on a full disk: call-next answers 503 LAYSO_DISK_FULL', async () => {
    const account = s.credentials.officers[7]!;
    // A full disk injected where the session is written (a real one cannot be made to refuse exactly this row:
    // SQLite puts a small row in a page's free room even at max_page_count).
    const full = () => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    };
    const add = vi.spyOn(s.server.ctx.store.accounts, 'addSession').mockImplementation(full);
    const store = vi.spyOn(s.server.ctx.store.accounts, 'storeHeld').mockImplementation(full);
    onTestFinished(() => {
      add.mockRestore();
      store.mockRestore();
    });
    const during = await signIn(account);
    expect(during.status).toBe(200);
    const token: string = during.body.token;
    const counterId: number = during.body.user.counterId;
    expect(s.store.counters.byId(counterId)?.officerId).not.toBe(during.body.user.id);
    await actsRefusedWithReason(token, counterId, 'LAYSO_DISK_FULL');
    expect(store).toHaveBeenCalled();

    add.mockRestore();
    store.mockRestore();
    const call = await s.api(`/api/counters/${counterId}/call-next`, { token, method: 'POST' });
    expect([200, 204]).toContain(call.status);
    expect(s.server.ctx.auth.isHeld(token)).toBe(false);
    expect((await s.api('/api/auth/logout', { token, method: 'POST' })).status).toBe(200);
  });

  it('a held session ends when an admin disables its user (revocation reaches memory too)', async () => {
    const account = s.credentials.officers[5]!;
    const admin = await login(s, s.credentials.admin.username);
    s.store.db.pragma('query_only = ON');
    const during = await signIn(account);
    s.store.db.pragma('query_only = OFF');
    expect(during.status).toBe(200);
    const token: string = during.body.token;
    // Revoked while still held: no request of its own has stored it, and the admin's requests offer held sessions
    // to the database at most every 5 s (this clock stands still), so the revocation finds it in memory.
    expect(s.server.ctx.auth.isHeld(token)).toBe(true);
    const user = during.body.user;
    const disabled = await s.api(`/api/admin/users/${user.id}`, {
      token: admin.token,
      method: 'PUT',
      body: { displayName: user.displayName, role: user.role, counterId: user.homeCounterId, active: false },
    });
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
    expect(s.server.ctx.auth.isHeld(token)).toBe(false);
    clock.advance(10_000);
    expect((await s.api('/api/auth/me', { token })).status).toBe(401);
    expect((await s.api('/api/auth/me', { token: admin.token })).status).toBe(200);
  });
});
