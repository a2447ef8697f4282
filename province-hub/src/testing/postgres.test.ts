import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from './postgres.js';

describe('a throwaway PostgreSQL', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(() => server?.stop());

  it('is a real server on 127.0.0.1', async () => {
    const client = new pg.Client({ connectionString: server.url() });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: string; user: string; addr: string }>(
        'SELECT version(), current_user AS user, inet_server_addr()::text AS addr',
      );
      expect(rows[0]?.version).toMatch(/^PostgreSQL \d+/);
      expect(rows[0]?.addr).toBe('127.0.0.1/32');
      expect(rows[0]?.user).toBe('postgres');
    } finally {
      await client.end();
    }
  });

  it('runs under the postgres system user when we are root, else as us', () => {
    const pid = Number(readFileSync(join(server.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const uid = statSync(`/proc/${pid}`).uid;
    const expected =
      process.getuid?.() === 0
        ? Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
        : process.getuid?.();
    expect(uid).toBe(expected);
    expect(uid).not.toBe(0);
  });

  it('gives each caller a database of its own', async () => {
    const a = await server.createDatabase();
    const b = await server.createDatabase();
    expect(a).not.toBe(b);
    const client = new pg.Client({ connectionString: a });
    await client.connect();
    try {
      await client.query('CREATE TABLE only_in_a (x int)');
    } finally {
      await client.end();
    }
    const other = new pg.Client({ connectionString: b });
    await other.connect();
    try {
      const { rows } = await other.query("SELECT to_regclass('only_in_a') AS t");
      expect(rows).toEqual([{ t: null }]);
    } finally {
      await other.end();
    }
  });
});

describe('stop()', () => {
  it('ends the server and removes its folder', async () => {
    const server = await startPostgres();
    expect(existsSync(server.dir)).toBe(true);
    await server.stop();
    expect(existsSync(server.dir)).toBe(false);
    const client = new pg.Client({ connectionString: server.url(), connectionTimeoutMillis: 5_000 });
    await expect(client.connect()).rejects.toThrow();
  });
});

describe('restart()', () => {
  it('comes back on the same port with what was committed, after a crash-like stop', async () => {
    const server = await startPostgres();
    try {
      const url = await server.createDatabase();
      const before = new pg.Client({ connectionString: url });
      await before.connect();
      await before.query('CREATE TABLE kept (x int); INSERT INTO kept VALUES (7)');
      // The open connection is cut by the restart, as a hub's pool would see it.
      before.on('error', () => {});
      const port = server.port;
      await server.restart('immediate');
      expect(server.port).toBe(port);
      await expect(before.query('SELECT 1')).rejects.toThrow();
      await before.end().catch(() => {});
      const after = new pg.Client({ connectionString: url });
      await after.connect();
      try {
        const { rows } = await after.query<{ x: number }>('SELECT x FROM kept');
        expect(rows).toEqual([{ x: 7 }]);
      } finally {
        await after.end();
      }
    } finally {
      await server.stop();
    }
  });
});
