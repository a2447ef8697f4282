import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { FloorState, Health, errorMessage } from '@layso/protocol';
import { startHarness, type Harness } from '../testing/harness.js';
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

  it('signing in, which writes a session, is told why it cannot (503 in both languages)', async () => {
    readOnly();
    const officer = h.credentials.officers[0]!;
    const r = await h.api('/api/auth/login', {
      body: { username: officer.username, password: officer.password },
    });
    expect(r.status).toBe(503);
    expect(r.body.error).toEqual({
      code: 'LAYSO_DB_UNWRITABLE',
      message: errorMessage('LAYSO_DB_UNWRITABLE'),
    });
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
