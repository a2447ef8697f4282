/**
 * The systemd unit the README deploys (deploy/layso.service): systemd itself parses it without a complaint, it
 * keeps what issue 17 asked of it — files owner-only whatever the server forgets (UMask), a start that keeps failing
 * (a corrupt or read-only queue.db) not retried forever (StartLimitBurst), a reload that reads a renewed certificate
 * — and the README shows the same file, so the two cannot drift apart.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const unitPath = join(root, 'deploy', 'layso.service');
const unit = readFileSync(unitPath, 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'layso-unit-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `systemd-analyze verify` on a copy of the unit with the node binary running this test (CI's may sit elsewhere). */
function verify(text: string): { status: number | null; complaints: string } {
  const path = join(dir, 'layso.service');
  writeFileSync(path, text.replace('/usr/bin/node ', `${process.execPath} `));
  const run = spawnSync('systemd-analyze', ['verify', path], { encoding: 'utf8' });
  return { status: run.status, complaints: `${run.stdout}${run.stderr}`.trim() };
}

/** The value of a `Key=` line in the unit (the last one wins, as in systemd). */
function setting(key: string): string | undefined {
  const lines = unit.split('\n').filter((l) => l.startsWith(`${key}=`));
  return lines.at(-1)?.slice(key.length + 1);
}

describe('deploy/layso.service', () => {
  it('is parsed by systemd without a single complaint, and a broken copy is not', () => {
    expect(verify(unit)).toEqual({ status: 0, complaints: '' });
    // The check can fail: a value systemd cannot read is reported.
    expect(verify(unit.replace('UMask=0077', 'UMask=0o77')).complaints).toMatch(/UMask|mode/i);
  });

  it('keeps files owner-only, stops restarting a start that keeps failing, reloads the certificate', () => {
    expect(setting('UMask')).toBe('0077');
    expect(Number(setting('StartLimitBurst'))).toBeGreaterThan(0);
    expect(Number(setting('StartLimitIntervalSec'))).toBeGreaterThan(0);
    expect(setting('ExecReload')).toBe('/bin/kill -HUP $MAINPID');
    expect(setting('User')).toBe('layso');
    expect(setting('ExecStart')).toMatch(/^\/usr\/bin\/node .*queue-server\/dist\/main\.js$/);
    expect(setting('ExecStart')).not.toMatch(/tsx|--import|--loader/);
  });

  it('is the unit the README shows', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```ini\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks).toContain(unit);
  });
});
