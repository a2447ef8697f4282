/**
 * The compiled production build (issue 16, item 5): `node queue-server/dist/main.js`, with no TypeScript loader
 * in the process, serves the demo center and prints a ticket on the virtual printer (so the bundled code finds its
 * demo catalogue, the ticket fonts and the native modules), takes a renewed
 * certificate on SIGHUP and stops cleanly on SIGTERM; every compiled CLI runs.
 * The build is made here first (esbuild, a second or two), so the test checks the source as it is now.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertificate, servedCertificate } from '@layso/queue-server/testing';
import { WORKER_MIN_CHARS } from '../queue-server/src/app/catalogue.js';
import {
  killAllServerProcesses,
  readCredentials,
  REPO_ROOT,
  startServerProcess,
  type ServerProcess,
} from './support/child.js';
import { runCommand, waitForLine } from './support/command.js';
import { api } from './support/http.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'layso-build-'));
  dirs.push(d);
  return d;
};

let dataDir = '';
let server: ServerProcess;

beforeAll(async () => {
  for (const ws of ['queue-server', 'printer-drivers'])
    execFileSync(process.execPath, ['scripts/build-node.mjs', ws], { cwd: REPO_ROOT, stdio: 'pipe' });
  dataDir = tempDir();
  // No NODE_OPTIONS either: nothing may slip a loader in.
  server = await startServerProcess(dataDir, { NODE_OPTIONS: '' }, 'compiled');
}, 120_000);

afterAll(async () => {
  await killAllServerProcesses();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the compiled server (node queue-server/dist/main.js)', () => {
  it('runs as plain node: no tsx, no --import, the compiled entry', () => {
    const argv = readFileSync(`/proc/${server.pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    expect(argv.slice(1)).toEqual(['queue-server/dist/main.js']);
    expect(argv.join(' ')).not.toMatch(/tsx|--import|--loader|--require/);
  });

  it('seeds the demo, answers health, issues a ticket and prints it as a PNG', async () => {
    const credentials = readCredentials(dataDir);
    expect(credentials.kioskToken).toMatch(/\S/);
    const health = await api(server.url, '/api/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    // The web apps are found from the bundle too (dist/web at the repository root).
    const kiosk = await fetch(`${server.url}/kiosk`);
    expect(kiosk.status).toBe(200);
    expect(await kiosk.text()).toContain('<html');

    const services = (await api(server.url, '/api/services')).body as { id: number }[];
    const serviceId = services[0]?.id;
    expect(serviceId).toBeTypeOf('number');
    const ticket = await api(server.url, '/api/tickets', {
      token: credentials.kioskToken,
      body: { serviceId },
    });
    expect(ticket.status).toBe(201);
    const printed = await api(server.url, `/api/tickets/${ticket.body.id}/print`, {
      token: credentials.kioskToken,
      method: 'POST',
    });
    expect(printed.body).toEqual({ printed: true, error: null });
    const png = readdirSync(join(dataDir, 'printed')).filter((f) => f.endsWith('.png'));
    expect(png).toHaveLength(1);
    // A real PNG: the signature, and more than an empty image (the ticket's text was rendered with the fonts).
    const bytes = readFileSync(join(dataDir, 'printed', png[0] ?? ''));
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(bytes.length).toBeGreaterThan(2000);
  });

  it('says it is the compiled build, stamped with the commit it was built from', async () => {
    const v = await api(server.url, '/api/version');
    expect(v.status).toBe(200);
    expect(v.body.compiled).toBe(true);
    let head = 'unknown';
    try {
      head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    } catch {
      // Built outside a git checkout: the build says "unknown".
    }
    expect(v.body.commit).toBe(head);
    expect(Date.parse(v.body.builtAt)).toBeLessThanOrEqual(Date.now());
    expect(v.body.schemaVersion).toBeGreaterThanOrEqual(100);
  });

  it('runs a what-if and a catalogue dry run in their worker threads (dist/sim, dist/catalogue)', async () => {
    const { admin } = readCredentials(dataDir);
    const token = (await api(server.url, '/api/auth/login', { body: admin })).body.token as string;
    const started = await api(server.url, '/api/admin/simulations', {
      token,
      body: { weekday: 1, replications: 2, seed: 3, add: [{ services: ['TP'], count: 1 }] },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    let job = started.body;
    for (let polls = 0; job.state === 'running' && polls < 600; polls += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = (await api(server.url, `/api/admin/simulations/${started.body.id}`, { token })).body;
    }
    expect(job.state, JSON.stringify(job.error)).toBe('done');
    expect(job.result.a.replications).toBe(2);

    // Long enough to go to the worker (a short file is parsed on the main thread: WORKER_MIN_CHARS).
    const rows = Array.from(
      { length: 8000 },
      (_, i) => `9.${String(i).padStart(6, '0')},Thủ tục thử ${i},Sở Tư pháp`,
    );
    const content = ['code,name,agency', ...rows].join('\n');
    expect(content.length).toBeGreaterThan(WORKER_MIN_CHARS);
    const dry = await api(server.url, '/api/admin/catalogue/import', {
      token,
      body: { format: 'csv', content, dryRun: true },
    });
    expect(dry.status, JSON.stringify(dry.body).slice(0, 300)).toBe(200);
    expect(dry.body).toMatchObject({
      rows: 8000,
      imported: 8000,
      skipped: 0,
      dryRun: true,
      byService: { TP: 8000 },
    });
  });

  it('stops cleanly on SIGTERM', async () => {
    server.signal('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });
});

describe('the compiled server with a certificate of its own (TLS_CERT / TLS_KEY)', () => {
  it('serves the renewed certificate after SIGHUP (systemctl reload), without a restart, and keeps serving', async () => {
    const dir = tempDir();
    const first = makeCertificate(dir, 'first');
    const second = makeCertificate(dir, 'second');
    const live = { cert: join(dir, 'live.crt'), key: join(dir, 'live.key') };
    copyFileSync(first.cert, live.cert);
    copyFileSync(first.key, live.key);
    // No demo to seed: the server only has to come up on HTTPS.
    const tls = await startServerProcess(
      tempDir(),
      { NODE_OPTIONS: '', NO_DEMO: 'true', TLS_CERT: live.cert, TLS_KEY: live.key },
      'compiled',
    );
    const url = new URL(tls.url);
    expect(url.protocol).toBe('https:');
    const port = Number(url.port);
    const before = await servedCertificate(port, readFileSync(first.cert, 'utf8'));
    expect(before).toEqual({ status: 200, fingerprint: first.fingerprint256 });

    // The renewal replaces the files in place, as certbot's deploy hook would; then the reload.
    copyFileSync(second.cert, live.cert);
    copyFileSync(second.key, live.key);
    tls.signal('SIGHUP');
    // Poll the served certificate until it changes (new connections only get it), for at most 10 s.
    const deadline = Date.now() + 10_000;
    let served = before.fingerprint;
    while (served !== second.fingerprint256 && tls.alive() && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      // A process that died on the signal answers nothing: the loop ends on alive() and the check below says so.
      served = await servedCertificate(port).then(
        (r) => r.fingerprint,
        () => 'no answer',
      );
    }
    expect(served, tls.output()).toBe(second.fingerprint256);
    // The same process, still serving, with the new certificate as the one to trust.
    expect(tls.alive()).toBe(true);
    const after = await servedCertificate(port, readFileSync(second.cert, 'utf8'));
    expect(after).toEqual({ status: 200, fingerprint: second.fingerprint256 });
    expect(tls.output()).toContain('Đã đọc lại chứng chỉ TLS / TLS certificate reloaded');
  });
});

describe('the compiled command-line tools', () => {
  it('create-admin creates an admin in a fresh DATA_DIR (argon2, the database and migrations)', async () => {
    const r = await runCommand(
      ['queue-server/dist/create-admin.js', '--username', 'quantri2', '--password-stdin'],
      { env: { DATA_DIR: tempDir() }, stdin: 'mat-khau-rat-dai-2026\n' },
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('quantri2');
  });

  it('simulate runs a day on the demo profile', async () => {
    const r = await runCommand(['queue-server/dist/simulate.js', '--replications', '2', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ a: { replications: 2 } });
  });

  it('provincial-mock listens, then stops on SIGTERM', async () => {
    const mock = spawn(process.execPath, ['queue-server/dist/provincial-mock.js', '--port', '0', '--quiet'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const line = await waitForLine(mock, /provincial mock at (http:\/\/127\.0\.0\.1:\d+)/);
    const stats = await api(line[1] ?? '', '/stats');
    expect(stats.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => mock.once('exit', resolve));
    mock.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('layso-print prints a sample ticket to layso-virtual-printer, which saves it as a PNG', async () => {
    const out = tempDir();
    const printer = spawn(
      process.execPath,
      ['printer-drivers/bin/layso-virtual-printer.mjs', '--port', '0', '--out', out],
      { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) => printer.once('exit', resolve));
    const [, url] = await waitForLine(printer, /listening on (tcp:\/\/\S+)/);
    const job = waitForLine(printer, /job 1: .*printed → (\S+\.png)/);
    const r = await runCommand(['printer-drivers/bin/layso-print.mjs', '--to', url ?? '', '--sample']);
    expect(r.code, r.err).toBe(0);
    const [, png] = await job;
    expect(png?.startsWith(out)).toBe(true);
    expect(readdirSync(out).filter((f) => f.endsWith('.png'))).toHaveLength(1);
    printer.stdin?.end('quit\n');
    expect(await exited).toBe(0);
  });
});

/** Each command as the README gives it: the npm scripts, and the printer library's bins. */
const COMMANDS: { name: string; run: (flag: string) => [string, string[]] }[] = [
  ...['soak', 'simulate', 'provincial-mock', 'create-admin'].map((name) => ({
    name,
    run: (flag: string): [string, string[]] => ['npm', ['run', '--silent', name, '--', flag]],
  })),
  ...['layso-print', 'layso-virtual-printer'].map((name) => ({
    name,
    run: (flag: string): [string, string[]] => [process.execPath, [`printer-drivers/bin/${name}.mjs`, flag]],
  })),
];

describe('every CLI answers --help and -h with its usage and exit code 0', () => {
  it.each(COMMANDS.flatMap((c) => ['--help', '-h'].map((flag) => [c.name, flag, c] as const)))(
    '%s %s',
    async (name, flag, c) => {
      const [command, args] = c.run(flag);
      const r = await runCommand(args, { command });
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain(name);
      // Vietnamese first, English second.
      expect(r.out).toContain('Cách dùng / usage');
    },
  );
});
