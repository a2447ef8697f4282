import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.js';

/** POST /api/auth/login from a given loopback address (127.0.0.0/8 is all ours on Linux); the status only. */
function signIn(h: Harness, agent: Agent, username: string, password: string): Promise<number> {
  const body = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const req = request(
      `${h.url}/api/auth/login`,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('sign-in during a flood', () => {
  it('2,000 bogus sign-ins from four desks: the excess is refused at once, the admin signs in, the floor is told', async () => {
    // The spraying limit off, so the hashing queue alone holds the flood (the worst case: many addresses).
    h = await startHarness({ env: { LOGIN_HASH_QUEUE: '8', LOGIN_MAX_USERNAMES: '100000' } });
    const harness = h;
    const agents = [10, 11, 12, 13].map(
      (n) => new Agent({ keepAlive: true, maxSockets: 25, localAddress: `127.0.0.${n}` }),
    );
    const account = {
      username: harness.credentials.admin.username,
      password: harness.credentials.admin.password,
    };
    // The admin's desk (127.0.0.1) signed in rightly before: it is a known desk.
    expect((await harness.api('/api/auth/login', { method: 'POST', body: account })).status).toBe(200);
    let firstRefusal = (): void => undefined;
    const refused = new Promise<void>((r) => (firstRefusal = r));
    let checked = 0;
    const flood = Array.from({ length: 2000 }, (_, i) =>
      signIn(harness, agents[i % agents.length]!, `bot-${i}`, 'doan-bua-thoi').then((status) => {
        if (status === 429) firstRefusal();
        if (status === 401) checked++;
        return status;
      }),
    );
    // The queue is full now; the admin signs in again at their desk.
    await refused;
    const admin = await harness.api('/api/auth/login', { method: 'POST', body: account });
    const checkedBeforeAdmin = checked;
    const statuses = await Promise.all(flood);
    for (const a of agents) a.destroy();

    expect(admin.status).toBe(200);
    expect(typeof admin.body.token).toBe('string');
    const count = (s: number) => statuses.filter((x) => x === s).length;
    expect(count(401) + count(429)).toBe(2000);
    expect(count(429)).toBeGreaterThan(1000);
    // Bogus sign-ins admitted to the hasher before the admin arrived were still waiting when the admin was answered.
    expect(checkedBeforeAdmin).toBeLessThan(count(401));
    const alert = harness.server.ctx.floor.state().alerts.find((a) => a.kind === 'sign-in-surge');
    expect(alert?.vi).toMatch(/^\d+ lần đăng nhập sai/);
  }, 60_000);
});

describe('the five-failure lockout is per desk (username|address), behind the proxy too', () => {
  /** POST /api/auth/login as the admin, as if from `forwardedFor` (X-Forwarded-For); the status only. */
  const asAdmin = async (harness: Harness, password: string, forwardedFor: string) =>
    (
      await harness.api('/api/auth/login', {
        body: { username: harness.credentials.admin.username, password },
        headers: { 'x-forwarded-for': forwardedFor },
      })
    ).status;
  const wrongFive = async (harness: Harness, forwardedFor: string) => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push(await asAdmin(harness, `sai-mat-khau-${i}`, forwardedFor));
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
  };

  it('through a trusted proxy: desk A is locked out of the admin account, desk B still signs in to it', async () => {
    h = await startHarness({ env: { TRUST_PROXY: '127.0.0.1' } });
    const right = h.credentials.admin.password;
    await wrongFive(h, '10.0.0.5');
    expect(await asAdmin(h, right, '10.0.0.5')).toBe(429);
    expect(await asAdmin(h, right, '10.0.0.6')).toBe(200);
    // Desk B's success does not lift desk A's lockout.
    expect(await asAdmin(h, right, '10.0.0.5')).toBe(429);
  });

  it('without a trusted proxy the header is ignored: both "desks" are the one client; another address signs in', async () => {
    h = await startHarness();
    const harness = h;
    const right = harness.credentials.admin.password;
    await wrongFive(harness, '10.0.0.5');
    expect(await asAdmin(harness, right, '10.0.0.6')).toBe(429);
    // A desk with an address of its own (127.0.0.7, not the proxy's header) is not locked out.
    const desk = new Agent({ localAddress: '127.0.0.7' });
    try {
      expect(await signIn(harness, desk, harness.credentials.admin.username, right)).toBe(200);
    } finally {
      desk.destroy();
    }
  });
});
