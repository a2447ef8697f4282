import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startProductionServer } from '../testing/production.js';

/** The queue-server folder: `npm run create-admin` runs the CLI from here. */
const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as the installer would (tsx, a real process) with `stdin` piped in. */
function createAdmin(dataDir: string, args: string[], stdin: string): Promise<Run> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/create-admin.ts', ...args], {
    cwd: PACKAGE_DIR,
    env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'production', CONFIG_FILE: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  proc.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  proc.stdin.end(stdin);
  return new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const PASSWORD = 'mật-khẩu-đủ-dài-2026';

describe('npm run create-admin', { timeout: 60_000 }, () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'layso-cli-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates an admin on an empty DATA_DIR; a production server started afterwards lets them sign in', async () => {
    const run = await createAdmin(
      dataDir,
      ['--username', 'quantri', '--display-name', 'Nguyễn Văn Quản', '--password-stdin'],
      `${PASSWORD}\nignored second line\n`,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('quantri');
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);

    const s = await startProductionServer({ dataDir });
    try {
      // An admin exists: no setup code on this start.
      expect(s.server.setupCode).toBeNull();
      const login = await s.api('/api/auth/login', { body: { username: 'quantri', password: PASSWORD } });
      expect(login.status).toBe(200);
      expect(login.body.user).toMatchObject({ role: 'admin', displayName: 'Nguyễn Văn Quản' });
    } finally {
      await s.close();
    }
  });

  it('works while the server runs: the new admin signs in at once and the setup code is spent', async () => {
    const s = await startProductionServer({ dataDir });
    try {
      expect(s.server.setupCode).not.toBeNull();
      expect((await s.api('/api/setup')).body).toEqual({ needed: true });
      const run = await createAdmin(
        dataDir,
        ['--username', 'quantri', '--password-stdin'],
        `${PASSWORD}\r\n`,
      );
      expect(run.code, run.stderr).toBe(0);
      const login = await s.api('/api/auth/login', { body: { username: 'quantri', password: PASSWORD } });
      expect(login.status).toBe(200);
      expect((await s.api('/api/setup')).body).toEqual({ needed: false });
      const late = await s.api('/api/setup', {
        body: { code: s.server.setupCode, username: 'other', displayName: 'X', password: PASSWORD },
      });
      expect(late.status).toBe(403);
    } finally {
      await s.close();
    }
  });

  it('refuses a weak password, a taken username, a bad username and no password source with exit code 2', async () => {
    const weak = await createAdmin(dataDir, ['--username', 'quantri', '--password-stdin'], 'short\n');
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('Mật khẩu quá ngắn');
    expect(weak.stderr).toContain('Password too short');
    expect(weak.stderr).not.toContain('short\n');

    expect((await createAdmin(dataDir, ['--username', 'quantri', '--password-stdin'], PASSWORD)).code).toBe(
      0,
    );
    const taken = await createAdmin(dataDir, ['--username', 'quantri', '--password-stdin'], PASSWORD);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain('đã có');
    expect(taken.stderr).toContain('already taken');

    const bad = await createAdmin(dataDir, ['--username', 'Quản Trị', '--password-stdin'], PASSWORD);
    expect(bad.code).toBe(2);
    const hostile = ['--username', 'khac', '--display-name', 'Quản\u202Etrị', '--password-stdin'];
    const override = await createAdmin(dataDir, hostile, PASSWORD);
    expect(override.code).toBe(2);
    expect(override.stderr).toContain('đảo chiều');
    expect(override.stderr).toContain('bidirectional override');
    const missing = await createAdmin(dataDir, ['--password-stdin'], PASSWORD);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--username');
    // stdin is a pipe, not a terminal: without --password-stdin there is nobody to ask.
    const noTty = await createAdmin(dataDir, ['--username', 'khac'], PASSWORD);
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toContain('--password-stdin');
  });
});
