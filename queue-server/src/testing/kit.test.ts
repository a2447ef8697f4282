/** The kit cleans up after each test: a session signed in during a test is signed out, a socket closed. */
import type { Socket } from 'socket.io-client';
import { describe, expect } from 'vitest';
import { it } from './fixture.js';
import { issue, login, next, socket } from './kit.js';

let token = '';
let screen: Socket | undefined;

describe('the test kit', () => {
  it('signs in by officer index or username, connects, and issues at the seeded kiosk', async ({
    center,
  }) => {
    const officer = await login(center, 0);
    expect(officer.counterId).toBe(center.credentials.officers[0]?.counterId);
    expect((await login(center, 'admin')).user.role).toBe('admin');
    await expect(login(center, 'admin', 'sai-mat-khau')).rejects.toThrow(/401/);
    token = officer.token;
    screen = socket(center, '/counter', { token });
    await next(screen, 'snapshot');
    const ticket = await issue(center, center.store.services()[0]!.id);
    expect(ticket.status).toBe('waiting');
  });

  it('has signed that session out and closed that socket when the test ended', async ({ center }) => {
    expect((await center.api('/api/auth/me', { token })).status).toBe(401);
    expect(screen?.connected).toBe(false);
  });
});
