/**
 * `POST /api/provincial/status` on a real server (the small center, 127.0.0.1, a manual clock): a good push is
 * stored; unsigned, stale, future-dated, forged and replayed-with-another-timestamp pushes are refused 401, store
 * nothing and are logged without their body; the same signed push twice is taken once; no secret → 503. Then the
 * stand-in pushing its status changes (receipt, the ready timer, the control call) to this center, signed.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedSmallCenter } from '../testing/center.js';
import { ManualClock, startHarness, type Harness } from '../testing/harness.js';
import { startProvincialMock } from '../sync/provincial-mock.js';
import { signPush, signedHeaders } from '../sync/push-signature.js';

const SECRET = 'mat-khau-chung-cua-tinh-0123456789';
const NOW = new Date('2026-12-07T03:00:00Z');
const code = (n: number) => `000.00.12.H62-261207-${String(n).padStart(4, '0')}`;
const LYDO = 'Bổ sung bản sao giấy khai sinh của Nguyễn Thị Mai';

let h: Harness;
const clock = new ManualClock(NOW);

beforeAll(async () => {
  h = await startHarness({ clock, seed: seedSmallCenter, env: { PROVINCIAL_PUSH_SECRET: SECRET } });
});
afterAll(() => h.close());

const status = (n: number, over: Record<string, unknown> = {}) =>
  JSON.stringify({ MaHoSo: code(n), TrangThaiHoSo: 9, NgayHenTra: '20261210170000', LyDo: LYDO, ...over });

function push(body: string, headers: Record<string, string>) {
  return h.api('/api/provincial/status', {
    method: 'POST',
    raw: body,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

const signed = (body: string, atMs = clock.now().getTime(), secret = SECRET) =>
  push(body, signedHeaders(secret, body, atMs));

const changes = () => (h.store.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

describe('POST /api/provincial/status', () => {
  it('stores a signed push in the register, and the same push again only once', async () => {
    const body = status(1);
    const headers = signedHeaders(SECRET, body, clock.now().getTime());
    const first = await push(body, headers);
    expect(first).toEqual({ status: 200, body: { MaHoSo: code(1), applied: true } });
    expect(h.store.dossiers.byCode(code(1))).toMatchObject({
      status: 9,
      statusSource: 'push',
      reason: LYDO,
      statusLearntAt: NOW,
    });
    const before = changes();
    expect((await push(body, headers)).body).toEqual({ MaHoSo: code(1), applied: false });
    expect(changes()).toBe(before);
  });

  it('takes a push dated anywhere inside the 5-minute window, either way', async () => {
    expect((await signed(status(2), NOW.getTime() - 299_000)).status).toBe(200);
    expect((await signed(status(3), NOW.getTime() + 299_000)).status).toBe(200);
  });

  it('refuses unsigned, stale, future, forged and re-timed pushes: nothing stored, no body in the log', async () => {
    const warn = vi.spyOn(h.server.app.log, 'warn');
    const body = status(10);
    const ts = Math.floor(NOW.getTime() / 1000);
    const cases: [string, Promise<{ status: number; body: any }>, string][] = [
      ['no headers', push(body, {}), 'LAYSO_PUSH_UNSIGNED'],
      ['no signature', push(body, { 'X-Layso-Timestamp': String(ts) }), 'LAYSO_PUSH_UNSIGNED'],
      [
        'a date, not unix seconds',
        push(body, {
          'X-Layso-Timestamp': NOW.toISOString(),
          'X-Layso-Signature': signPush(SECRET, ts, body),
        }),
        'LAYSO_PUSH_UNSIGNED',
      ],
      ['stale', signed(body, NOW.getTime() - 301_000), 'LAYSO_PUSH_STALE'],
      ['future', signed(body, NOW.getTime() + 301_000), 'LAYSO_PUSH_STALE'],
      [
        'another secret',
        signed(body, NOW.getTime(), 'mot-bi-mat-khac-0123456789'),
        'LAYSO_PUSH_BAD_SIGNATURE',
      ],
      [
        'replayed with another timestamp',
        push(body, { 'X-Layso-Timestamp': String(ts + 60), 'X-Layso-Signature': signPush(SECRET, ts, body) }),
        'LAYSO_PUSH_BAD_SIGNATURE',
      ],
      [
        'another body under a good signature',
        push(status(10, { TrangThaiHoSo: 10 }), signedHeaders(SECRET, body, NOW.getTime())),
        'LAYSO_PUSH_BAD_SIGNATURE',
      ],
      [
        'not hex',
        push(body, { 'X-Layso-Timestamp': String(ts), 'X-Layso-Signature': 'z'.repeat(64) }),
        'LAYSO_PUSH_BAD_SIGNATURE',
      ],
    ];
    const before = changes();
    for (const [what, reply, errorCode] of cases) {
      const r = await reply;
      expect({ what, status: r.status, code: r.body?.error?.code }).toEqual({
        what,
        status: 401,
        code: errorCode,
      });
    }
    expect(changes()).toBe(before);
    expect(h.store.dossiers.byCode(code(10))).toBeNull();
    const logged = JSON.stringify(warn.mock.calls.filter((c) => String(c[1]).includes('push refused')));
    expect(warn.mock.calls.filter((c) => String(c[1]).includes('push refused'))).toHaveLength(cases.length);
    expect(logged).toContain('LAYSO_PUSH_STALE');
    // Neither the body, nor any part of it, nor a signature.
    for (const secretPart of [code(10), 'Nguyễn', 'NgayHenTra', signPush(SECRET, ts, body)]) {
      expect(logged).not.toContain(secretPart);
    }
    warn.mockRestore();
  });

  it('a push that failed to store (503) is taken when the province sends the same push again', async () => {
    const body = status(20);
    const headers = signedHeaders(SECRET, body, clock.now().getTime());
    const full = vi.spyOn(h.server.ctx.store.dossiers, 'applyStatus').mockImplementation(() => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    });
    const failed = await push(body, headers);
    full.mockRestore();
    expect(failed.status).toBe(503);
    expect(failed.body.error.code).toBe('LAYSO_DISK_FULL');
    expect(h.store.dossiers.byCode(code(20))).toBeNull();
    // The retry is no replay: it is stored, and only then is a third copy one.
    expect((await push(body, headers)).body).toEqual({ MaHoSo: code(20), applied: true });
    expect(h.store.dossiers.byCode(code(20))).toMatchObject({ status: 9, statusSource: 'push' });
    expect((await push(body, headers)).body).toEqual({ MaHoSo: code(20), applied: false });
  });

  it('a signed body that fails validation does not use up its signature', async () => {
    const bad = JSON.stringify({ MaHoSo: 'not-a-code', TrangThaiHoSo: 9, NgayHenTra: null });
    const headers = signedHeaders(SECRET, bad, clock.now().getTime());
    expect((await push(bad, headers)).status).toBe(400);
    expect((await push(bad, headers)).status).toBe(400);
  });

  it('reads the content only once signed: a signed body that is not a status is a validation error', async () => {
    const bad = JSON.stringify({ MaHoSo: 'not-a-code', TrangThaiHoSo: 9, NgayHenTra: null });
    const r = await signed(bad);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('LAYSO_VALIDATION');
    // Unsigned junk is refused as unsigned, not parsed.
    expect((await push('{"junk":', {})).body.error.code).toBe('LAYSO_BAD_JSON');
    expect((await push(JSON.stringify([1, 2]), {})).body.error.code).toBe('LAYSO_PUSH_UNSIGNED');
  });

  it('answers 503 when the center has no push secret', async () => {
    const bare = await startHarness({ seed: seedSmallCenter });
    try {
      const body = status(20);
      const r = await bare.api('/api/provincial/status', {
        method: 'POST',
        raw: body,
        headers: { 'content-type': 'application/json', ...signedHeaders(SECRET, body, Date.now()) },
      });
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('LAYSO_PUSH_DISABLED');
      expect(bare.store.dossiers.byCode(code(20))).toBeNull();
    } finally {
      await bare.close();
    }
  });
});

describe('the stand-in pushes its changes to the center', () => {
  it('receipt, the ready timer and the control call each reach the register, signed', async () => {
    const pushes: (number | null)[] = [];
    const mock = await startProvincialMock({
      port: 0,
      now: () => clock.now().getTime(),
      readyAfterSeconds: 600,
      push: { url: `${h.url}/api/provincial/status`, secret: SECRET },
      onPush: (e) => pushes.push(e.answer),
    });
    try {
      const record = { MaHoSo: code(30), TrangThaiHoSo: 2, NgayHenTra: '20261210170000' };
      const res = await fetch(`${mock.url}/dossiers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `${code(30)}:2` },
        body: JSON.stringify(record),
      });
      expect(res.status).toBe(201);
      await mock.statuses.idle();
      expect(h.store.dossiers.byCode(code(30))).toMatchObject({ status: 2, statusSource: 'push' });

      clock.advance(600_000);
      expect(mock.statuses.sweep()).toBe(1);
      await mock.statuses.idle();
      const ready = h.store.dossiers.byCode(code(30));
      expect(ready).toMatchObject({ status: 9, statusSource: 'push' });
      expect(ready?.resultReadyAt?.toISOString()).toBe('2026-12-07T03:10:00.000Z');

      const moved = await fetch(`${mock.url}/_control/dossiers/${code(30)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ TrangThaiHoSo: 5, LyDo: LYDO }),
      });
      expect(moved.status).toBe(200);
      await mock.statuses.idle();
      expect(h.store.dossiers.byCode(code(30))).toMatchObject({ status: 5, reason: LYDO });
      expect(pushes).toEqual([200, 200, 200]);
      expect(mock.stats().statuses).toMatchObject({ pushed: 3, pushFailed: 0 });
    } finally {
      await mock.close();
    }
  });

  it('a stand-in with the wrong secret is refused and changes nothing', async () => {
    const mock = await startProvincialMock({
      port: 0,
      now: () => clock.now().getTime(),
      push: { url: `${h.url}/api/provincial/status`, secret: 'khong-phai-bi-mat-0123456789' },
    });
    try {
      mock.statuses.move(code(40), { TrangThaiHoSo: 9 });
      await mock.statuses.idle();
      expect(mock.stats().statuses).toMatchObject({ pushed: 0, pushFailed: 1 });
      expect(h.store.dossiers.byCode(code(40))).toBeNull();
    } finally {
      await mock.close();
    }
  });
});
