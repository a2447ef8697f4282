import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createServer } from '../server.js';
import { startHarness } from '../testing/harness.js';
import { login } from '../testing/kit.js';
import { secureDataDir } from './files.js';
import { openDatabase } from './open.js';

const mode = (path: string) => statSync(path).mode & 0o777;

// A careless deployment: files readable by every local account unless the code sets their modes.
let umask: number;
beforeEach(() => {
  umask = process.umask(0o022);
});
afterEach(() => {
  process.umask(umask);
});

describe('file modes under a permissive umask', () => {
  it('keeps the database, its WAL and the backups owner-only after start, a backup and a checkpoint', async () => {
    const h = await startHarness();
    try {
      const db = join(h.dataDir, 'queue.db');
      expect(mode(h.dataDir)).toBe(0o700);
      for (const f of [db, `${db}-wal`, `${db}-shm`]) expect(mode(f)).toBe(0o600);

      const admin = await login(h, 'admin');
      const r = await h.api('/api/admin/backup', { token: admin.token, method: 'POST' });
      expect(r.status).toBe(200);
      expect(mode(join(h.dataDir, 'backups'))).toBe(0o700);
      expect(mode(r.body.file)).toBe(0o600);

      // A checkpoint that truncates the WAL, then a write that grows it again.
      h.store.db.pragma('wal_checkpoint(TRUNCATE)');
      h.store.db.prepare("INSERT INTO settings (key, value) VALUES ('after-checkpoint', '1')").run();
      for (const f of [db, `${db}-wal`, `${db}-shm`]) expect(mode(f)).toBe(0o600);
    } finally {
      await h.close();
    }
  });

  it('narrows an existing data folder with wider modes at start, and says what it changed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'layso-modes-'));
    try {
      chmodSync(dataDir, 0o755);
      openDatabase(join(dataDir, 'queue.db')).close();
      chmodSync(join(dataDir, 'queue.db'), 0o644);
      mkdirSync(join(dataDir, 'backups'), { mode: 0o755 });
      writeFileSync(join(dataDir, 'backups', 'queue-20261130T120000.000-000.db'), '', { mode: 0o644 });
      mkdirSync(join(dataDir, 'printed'));
      writeFileSync(join(dataDir, 'printed', 'job-1.png'), '');
      writeFileSync(join(dataDir, 'demo-credentials.json'), '{}', { mode: 0o644 });

      // What the server does at start (createServer), shown first on its own for what it reports.
      const fixed = secureDataDir(dataDir);
      expect(Object.fromEntries(fixed.map((n) => [n.path.slice(dataDir.length), n.was]))).toEqual({
        '': '0755',
        '/queue.db': '0644',
        '/backups': '0755',
        '/backups/queue-20261130T120000.000-000.db': '0644',
        '/printed': '0755',
        '/printed/job-1.png': '0644',
        '/demo-credentials.json': '0644',
      });
      expect(secureDataDir(dataDir)).toEqual([]);

      // The server's start does the same to a folder left wide open.
      chmodSync(dataDir, 0o777);
      chmodSync(join(dataDir, 'backups', 'queue-20261130T120000.000-000.db'), 0o666);
      const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test' });
      const database = openDatabase(config.dbFile);
      const server = await createServer({ db: database, config });
      await server.close();
      database.close();
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(join(dataDir, 'backups', 'queue-20261130T120000.000-000.db'))).toBe(0o600);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
