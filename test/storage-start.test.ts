/**
 * A corrupt `queue.db` at start (issue 17): the real server, started as production starts it, exits non-zero with
 * one clear message in both languages naming the file and the newest backup — not a bare "file is not a database".
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SERVER_ENTRY_ARGS } from './support/child.js';
import { runCommand } from './support/command.js';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'layso-corrupt-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const start = () =>
  runCommand(SERVER_ENTRY_ARGS.source, {
    env: {
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      PRINTER_PORT: '0',
      NODE_ENV: 'production',
      PUBLIC_URL: '',
      CONFIG_FILE: '',
      LOG_LEVEL: 'warn',
    },
  });

describe('a corrupt database at start', () => {
  it('exits 1 naming the file and the newest backup, in Vietnamese and English; never says "running"', async () => {
    const file = join(dataDir, 'queue.db');
    writeFileSync(file, Buffer.alloc(16_384, 0x5a));
    mkdirSync(join(dataDir, 'backups'));
    const backup = join(dataDir, 'backups', 'queue-20261206120000.db');
    writeFileSync(backup, 'a backup');
    const r = await start();
    expect(r.code).toBe(1);
    expect(r.out).not.toMatch(/running/);
    expect(r.err).toContain(`Tệp cơ sở dữ liệu bị hỏng hoặc không phải cơ sở dữ liệu: ${file}`);
    expect(r.err).toContain(`The database file is corrupt or not a database: ${file}`);
    expect(r.err).toContain(`Bản sao lưu mới nhất / newest backup: ${backup}`);
    expect(r.err).toContain('SQLITE_NOTADB');
  });

  it('without a backup, says where none was found', async () => {
    writeFileSync(
      join(dataDir, 'queue.db'),
      'not a database at all, but long enough to be read as a header....',
    );
    const r = await start();
    expect(r.code).toBe(1);
    expect(r.err).toContain(`Không có bản sao lưu trong / no backup in ${join(dataDir, 'backups')}`);
  });
});
