import { spawn, type ChildProcess } from 'node:child_process';

/**
 * A server of ours as a child process (a hub process or a site's queue server, from their builds): started with
 * its environment, ready once it prints its URL, killed with any signal — the demo province's parts and what its
 * tests kill and start again.
 */
export interface Child {
  readonly name: string;
  readonly pid: number;
  /** The URL the process printed when it was ready. */
  readonly url: string;
  /** Resolves once the process has exited, however it ended. */
  readonly exited: Promise<void>;
  alive(): boolean;
  /** What it wrote to stdout and stderr (the last 64 kB), for failure messages. */
  output(): string;
  /** Sends a signal unless it is gone already, and waits for it to go. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface ChildOptions {
  name: string;
  /** The node script to run (absolute path). */
  entry: string;
  env: Record<string, string>;
  /** Matches the ready line; its first group is the URL. */
  ready: RegExp;
  cwd: string;
  /** Copies the child's output to ours, each line prefixed with its name (the demo does; tests do not). */
  echo?: boolean;
}

const KEEP = 64 * 1024;

export function startChild(options: ChildOptions): Promise<Child> {
  const proc: ChildProcess = spawn(process.execPath, [options.entry], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let gone = false;
  const exited = new Promise<void>((resolve) =>
    proc.once('exit', () => {
      gone = true;
      resolve();
    }),
  );
  return new Promise<Child>((resolve, reject) => {
    let url = '';
    const take = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      out = (out + text).slice(-KEEP);
      if (options.echo) {
        for (const line of text.split('\n').filter(Boolean)) console.log(`[${options.name}] ${line}`);
      }
      const m = options.ready.exec(out);
      if (!url && m?.[1]) {
        url = m[1];
        resolve(child);
      }
    };
    const child: Child = {
      name: options.name,
      pid: proc.pid ?? -1,
      get url() {
        return url;
      },
      exited,
      alive: () => !gone,
      output: () => out,
      async kill(signal = 'SIGTERM') {
        if (!gone) proc.kill(signal);
        await exited;
      },
    };
    proc.stdout?.on('data', take);
    proc.stderr?.on('data', take);
    proc.once('error', reject);
    void exited.then(() => {
      if (!url) reject(new Error(`${options.name} exited before it was ready:\n${out.slice(-4000)}`));
    });
  });
}
