/**
 * What a test does against a running server, cleaned up by itself: `login` signs in and signs out when the test
 * ends; `socket` connects a screen and closes it when the test ends; `issue` takes a ticket at the kiosk. Called
 * outside a test (in `beforeAll`), sessions and sockets last until the server closes instead (`Harness.onClose`),
 * as the server ends every session then anyway.
 */
import { LoginReply, Ticket, type IssueTicketInput, type User } from '@layso/protocol';
import { io, type Socket } from 'socket.io-client';
import { onTestFinished } from 'vitest';
import type { DemoCredentials } from '../demo/seed.js';

/** A server under test: its base URL, the accounts it was seeded with, and where to leave things to close. */
export interface TestServer {
  url: string;
  credentials?: DemoCredentials;
  onClose?(fn: () => unknown): void;
}

export interface Session {
  token: string;
  user: User;
  /** The counter this session is seated at; an error for a session that sits nowhere. */
  readonly counterId: number;
}

/** Runs `fn` when the current test ends, or when the server closes if no test is running (a suite hook). */
function whenDone(server: TestServer, fn: () => unknown): void {
  try {
    onTestFinished(async () => {
      await fn();
    });
  } catch {
    // Not inside a test: vitest refuses the hook, the server's own close ends it.
    server.onClose?.(fn);
  }
}

/**
 * Signs in as `who`: the i-th seeded officer (a number), or a username with its password — looked up in the
 * server's seeded accounts when left out. Fails unless the server answers 200; signs out when the test ends.
 */
export async function login(server: TestServer, who: number | string, password?: string): Promise<Session> {
  const account = accountOf(server, who, password);
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`login ${account.username}: ${res.status} ${text}`);
  const reply = LoginReply.parse(JSON.parse(text));
  whenDone(server, () =>
    // Already signed out, disabled or the server gone: nothing left to end.
    fetch(`${server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${reply.token}` },
    }).catch(() => undefined),
  );
  return {
    token: reply.token,
    user: reply.user,
    get counterId(): number {
      if (reply.user.counterId === null) throw new Error(`${account.username} is not seated`);
      return reply.user.counterId;
    },
  };
}

function accountOf(
  server: TestServer,
  who: number | string,
  password: string | undefined,
): { username: string; password: string } {
  const c = server.credentials;
  if (typeof who === 'number') {
    const o = c?.officers[who];
    if (!o) throw new Error(`no seeded officer #${who}`);
    return { username: o.username, password: password ?? o.password };
  }
  if (password !== undefined) return { username: who, password };
  const seeded = [c?.admin, c?.feedbackDesk, ...(c?.officers ?? [])].find((a) => a?.username === who);
  if (!seeded) throw new Error(`no seeded password for ${who}`);
  return { username: who, password: seeded.password };
}

/**
 * A ticket taken at the seeded kiosk for `serviceId` (with a priority group, intake… in `extra`, as the kiosk
 * sends them); fails unless the server answers 201.
 */
export async function issue(
  server: TestServer,
  serviceId: number,
  extra: Omit<IssueTicketInput, 'serviceId'> = {},
): Promise<Ticket> {
  const kioskToken = server.credentials?.kioskToken;
  if (!kioskToken) throw new Error('no seeded kiosk');
  const res = await fetch(`${server.url}/api/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${kioskToken}` },
    body: JSON.stringify({ serviceId, ...extra }),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`issue for service ${serviceId}: ${res.status} ${text}`);
  return Ticket.parse(JSON.parse(text));
}

/**
 * A screen's Socket.IO connection to namespace `ns` (`/display`, `/counter`, `/admin`, `/kiosk`…), on its own
 * connection as a separate screen has (one the server drops takes no other along), never reconnecting by
 * itself; closed when the test ends.
 */
export function socket(
  server: TestServer,
  ns: string,
  auth: { token?: string; serviceId?: number; [field: string]: unknown },
): Socket {
  const s = io(`${server.url}${ns}`, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  whenDone(server, () => s.close());
  return s;
}

/** The next `event` on `s` (listen before acting that causes it). */
export function next<T>(s: Socket, event: string): Promise<T> {
  return new Promise<T>((resolve) => s.once(event, resolve));
}
