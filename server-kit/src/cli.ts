/**
 * What the servers' account CLIs share (queue-server's and the hub's create-admin): a refusal the installer can fix
 * (exit code 2), a password asked twice without echo on a terminal or read as one line from stdin, and the exit codes.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

/** A refusal the installer can fix: a message in both languages and exit code 2. */
export class CliRefusal extends Error {}

export function cliRefuse(vi: string, en: string): never {
  throw new CliRefusal(`${vi} / ${en}`);
}

/** Reads stdin to its end and keeps its first line (without the line break). */
async function passwordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').replace(/\r$/, '');
}

/** Asks on the terminal without echoing what is typed. */
function askHidden(prompt: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise<string>((resolve, reject) => {
    process.stderr.write(prompt);
    muted = true;
    rl.question('', (answer) => {
      muted = false;
      process.stderr.write('\n');
      rl.close();
      resolve(answer);
    });
    rl.once('SIGINT', () => {
      rl.close();
      process.stderr.write('\n');
      reject(new CliRefusal('Đã huỷ / Cancelled'));
    });
  });
}

/** A new password: one line of stdin with `fromStdin`, else asked twice on the terminal (a short one only once). */
export async function readNewPassword(fromStdin: boolean, minLength: number): Promise<string> {
  if (fromStdin) return passwordFromStdin();
  if (!process.stdin.isTTY)
    cliRefuse(
      'Không có bàn phím để nhập mật khẩu: dùng --password-stdin',
      'No terminal to type the password on: use --password-stdin',
    );
  const first = await askHidden(`Mật khẩu / password (≥ ${minLength} ký tự / characters): `);
  // Refused before asking again, so a short password does not cost a second typing.
  if (first.length < minLength) return first;
  const again = await askHidden('Nhập lại mật khẩu / password again: ');
  if (again !== first) cliRefuse('Hai lần nhập mật khẩu không khớp', 'The two passwords differ');
  return first;
}

/** Runs a CLI's body and exits: 0 done; 2 refused (the message on stderr); 1 anything else. */
export function runCli(run: () => Promise<void>): void {
  run().then(
    () => process.exit(0),
    (e: unknown) => {
      if (e instanceof CliRefusal) {
        console.error(e.message);
        process.exit(2);
      }
      console.error('Lỗi / error:', e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
