import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startVirtualPrinter } from '../virtual/printer.js';

// The CLIs' TypeScript source through tsx (the compiled bin/ shims are tested in test/build.test.ts).
const source = (name: string): string =>
  join(dirname(fileURLToPath(import.meta.url)), `${name.replace(/^layso-/, '')}.ts`);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

function run(name: string, args: string[]): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, ['--import', 'tsx', source(name), ...args], { stdio: 'pipe' });
  cleanups.push(async () => {
    if (child.exitCode === null) {
      child.kill();
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
  return child;
}

function exitOf(
  child: ChildProcessWithoutNullStreams,
): Promise<{ code: number | null; out: string; err: string }> {
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out, err })));
}

/** Resolves with the first stdout line matching `re` (the process tells us it is ready). */
function lineMatching(child: ChildProcessWithoutNullStreams, re: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const onData = (c: Buffer): void => {
      buf += c.toString();
      const m = buf.match(re);
      if (m) {
        child.stdout.off('data', onData);
        resolve(m);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing ${re}: ${buf}`)));
  });
}

describe('command-line tools (their source through tsx)', () => {
  it('layso-print --sample prints to a printer URL and exits 0; 1 when the printer has no paper', async () => {
    const vp = await startVirtualPrinter({ port: 0 });
    cleanups.push(() => vp.close());
    const ok = await exitOf(
      run('layso-print', ['--to', vp.url, '--sample', '--number', '1005', '--service', 'Sở Tư pháp']),
    );
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/printed ticket 1005/);
    expect(vp.jobs).toHaveLength(1);
    vp.setState('paper-out');
    const failed = await exitOf(run('layso-print', ['--to', vp.url, '--sample']));
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/LAYSO_PRINTER_PAPER_OUT/);
  }, 30000);

  it('layso-virtual-printer saves jobs and takes state commands on stdin', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'layso-cli-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const vp = run('layso-virtual-printer', ['--port', '0', '--out', dir]);
    const [, url] = await lineMatching(vp, /listening on (tcp:\/\/\S+)/);
    const jobLine = lineMatching(vp, /job 1: \d+ bytes, printed/);
    expect((await exitOf(run('layso-print', ['--to', url ?? '', '--sample']))).code).toBe(0);
    await jobLine;
    expect((await readdir(dir)).sort().map((f) => f.replace(/^job-\w+-/, ''))).toEqual([
      '0001.bin',
      '0001.png',
    ]);
    const changed = lineMatching(vp, /state → cover-open/);
    vp.stdin.write('cover-open\n');
    await changed;
    const failed = await exitOf(run('layso-print', ['--to', url ?? '', '--sample']));
    expect(failed.err).toMatch(/LAYSO_PRINTER_COVER_OPEN/);
    const exited = exitOf(vp);
    vp.stdin.write('quit\n');
    expect((await exited).code).toBe(0);
  }, 30000);
});
