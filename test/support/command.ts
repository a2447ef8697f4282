/**
 * A command-line tool as a real child process of plain node (no loader unless the arguments ask for one), run from
 * the repository root: its exit code and what it wrote, or the first line of its output that matches.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from './child.js';

export interface CommandResult {
  code: number | null;
  out: string;
  err: string;
}

/** Runs `node <args…>` to its end, with `stdin` written and closed. */
export function runCommand(
  args: string[],
  options: { env?: Record<string, string>; stdin?: string; command?: string } = {},
): Promise<CommandResult> {
  const child = spawn(options.command ?? process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  child.stdin.end(options.stdin ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out, err }));
  });
}

/** Resolves with the first match of `re` in the child's stdout from now on; rejects if it exits first. */
export function waitForLine(child: ChildProcess, re: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (c: Buffer): void => {
      seen += c.toString('utf8');
      const m = re.exec(seen);
      if (m) {
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        resolve(m);
      }
    };
    const onExit = (code: number | null): void =>
      reject(new Error(`exited (${code}) before printing ${re}:\n${seen}`));
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}
