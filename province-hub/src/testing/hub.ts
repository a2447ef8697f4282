import type { HubRole } from '@layso/protocol';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { createHub, type Hub, type HubOptions } from '../server.js';
import { issueSiteKey } from '../sites.js';
import { createUser } from '../users.js';
import { startPostgres, type TestPostgres } from './postgres.js';

/** What the hub's test files share: one PostgreSQL per file, a hub per test on a database of its own, requests. */

export interface HubTests {
  /** This file's cluster (started before its first test, stopped after its last). */
  readonly postgres: TestPostgres;
  /** A hub on a new empty database (or `databaseUrl`), listening; closed after the test. */
  start(options?: Partial<HubOptions>): Promise<Hub>;
}

/** Registers the file's PostgreSQL and its hubs' cleanup; `defaults` are every start's options (clock, access…). */
export function useHubs(defaults: Partial<HubOptions> = {}): HubTests {
  let postgres: TestPostgres | undefined;
  const hubs: Hub[] = [];
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(() => postgres?.stop());
  afterEach(async () => {
    await Promise.all(hubs.splice(0).map((h) => h.close()));
  });
  const cluster = (): TestPostgres => {
    if (!postgres) throw new Error('useHubs: PostgreSQL is started in beforeAll, before any test');
    return postgres;
  };
  return {
    get postgres() {
      return cluster();
    },
    async start(options = {}) {
      const databaseUrl = options.databaseUrl ?? (await cluster().createDatabase());
      const hub = await createHub({ ...defaults, ...options, databaseUrl });
      hubs.push(hub);
      await hub.listen();
      return hub;
    },
  };
}

/** A reply, its body parsed (null when empty). */
export interface Reply {
  status: number;
  body: any;
}

export interface RequestOptions {
  /** Sent as JSON; a string is sent as it is (a body that is no JSON). */
  body?: unknown;
  /** A session's token or a site's key, as `Authorization: Bearer`. */
  token?: string;
  headers?: Record<string, string>;
}

export async function request(
  hub: Hub,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const { body } = options;
  const r = await fetch(`${hub.url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

/** POSTs a batch with the site's key. */
export function sendBatch(hub: Hub, key: string, batch: unknown): Promise<Reply> {
  return request(hub, 'POST', '/api/hub/batches', { body: batch, token: key });
}

/** A site joined to the hub (named after its code): its key. */
export function addSite(hub: Hub, code: string, commune = 'Phường 1'): Promise<string> {
  return issueSiteKey(hub.pool, { code, name: `Trung tâm ${code}`, commune });
}

export const TEST_PASSWORD = 'mật-khẩu-tỉnh-đủ-dài';

export interface TestUser {
  username: string;
  role: HubRole;
  displayName?: string;
  siteIds?: number[];
}

/** An account made straight in the database as the CLI makes one (no actor), password TEST_PASSWORD. */
export function addUser(hub: Hub, user: TestUser, clock: () => Date = () => new Date()) {
  const { username, role, displayName = `Người ${username}`, siteIds = [] } = user;
  return createUser(hub.pool, clock, { username, displayName, password: TEST_PASSWORD, role, siteIds }, null);
}

/** Signs in: the session's token (the test fails when refused). */
export async function signIn(hub: Hub, username: string, password = TEST_PASSWORD): Promise<string> {
  const r = await request(hub, 'POST', '/api/hub/auth/login', { body: { username, password } });
  expect(r.status).toBe(200);
  return r.body.token;
}
