/**
 * What the servers' account CLIs share (queue-server's and the hub's create-admin): their whole flow
 * (createAdminCli), a refusal the installer can fix (exit code 2), a password asked twice without echo on a terminal
 * or read as one line from stdin, and the exit codes.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { errorMessage, type ErrorCode } from '@layso/protocol';
import type { ZodType } from 'zod';

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

/** The admin a create-admin CLI makes, its fields checked by the CLI's own rules. */
export interface NewCliAdmin {
  username: string;
  displayName: string;
  password: string;
}

/** A server's accounts as its create-admin sees them, open for the one run. */
export interface CliAdminAccounts {
  /** Whether the name is taken: asked before the password, so a taken name costs no typing. */
  taken(username: string): boolean | Promise<boolean>;
  /** Makes the admin (and audits it); resolves to the line printed when done. */
  create(admin: NewCliAdmin): Promise<string>;
  close(): void | Promise<void>;
}

/** What one server's create-admin has of its own; the flow is createAdminCli's. */
export interface CreateAdminCli {
  /** The command before its arguments, as the README gives it: `npm run create-admin --`. */
  command: string;
  /** Its own string options (`database-url`), shown after the common ones and handed to `open`. */
  options?: readonly { name: string; placeholder: string }[];
  /** Usage lines of its own: where its database is. */
  usage: readonly string[];
  username: ZodType<string>;
  displayName: ZodType<string>;
  defaultDisplayName: string;
  minPasswordLength: number;
  open(options: ReadonlyMap<string, string>): Promise<CliAdminAccounts>;
  /** The coded refusal an error of `create` is (a taken name: LAYSO_CONFLICT), or undefined for a failure. */
  refusal(e: unknown): { readonly code: ErrorCode; readonly details?: unknown } | undefined;
}

/**
 * `create-admin --username <u> [--display-name <n>] [--password-stdin]`, the same on every server: arguments and
 * names checked, the name checked free, the password read (never printed), the admin made; exits as runCli does.
 */
export function createAdminCli(cli: CreateAdminCli): void {
  const own = cli.options ?? [];
  const usage = [
    `Cách dùng / usage: ${cli.command} --username <tên> [--display-name <tên hiển thị>] [--password-stdin]` +
      own.map((o) => ` [--${o.name} ${o.placeholder}]`).join(''),
    '  Không có --password-stdin: hỏi mật khẩu (không hiện) hai lần / without it: asks for the password twice, hidden',
    '  --password-stdin: đọc mật khẩu từ một dòng stdin / reads the password as one line from stdin',
    ...cli.usage,
  ].join('\n');
  const taken = (username: string): never =>
    cliRefuse(`Tên đăng nhập "${username}" đã có`, `the username "${username}" is already taken`);

  runCli(async () => {
    let values: ReturnType<typeof parseArgs>['values'];
    try {
      values = parseArgs({
        options: {
          username: { type: 'string' },
          'display-name': { type: 'string' },
          'password-stdin': { type: 'boolean', default: false },
          help: { type: 'boolean', short: 'h', default: false },
          ...Object.fromEntries(own.map((o) => [o.name, { type: 'string' } as const])),
        },
        strict: true,
        allowPositionals: false,
      }).values;
    } catch (e) {
      cliRefuse(
        `Tham số không hợp lệ (${e instanceof Error ? e.message : String(e)})\n${usage}`,
        'invalid arguments',
      );
    }
    const text = (name: string): string | undefined => {
      const v = values[name];
      return typeof v === 'string' ? v : undefined;
    };
    if (values.help === true) {
      console.log(usage);
      return;
    }
    const given = text('username')?.trim();
    if (!given) cliRefuse(`Thiếu --username\n${usage}`, 'missing --username');
    const username = cli.username.safeParse(given);
    if (!username.success)
      cliRefuse(
        `Tên đăng nhập chỉ gồm a-z, 0-9, dấu . _ -, dài 3 đến 64 ký tự\n${usage}`,
        'A username is 3 to 64 of a-z, 0-9, . _ -',
      );
    // The same rules as a display name typed in the admin page: NFC, 1–120 characters, no controls or overrides.
    const name = cli.displayName.safeParse(text('display-name')?.trim() || cli.defaultDisplayName);
    if (!name.success)
      throw new CliRefusal(
        `Tên hiển thị không hợp lệ / Invalid display name: ${name.error.issues[0]?.message ?? ''}`,
      );
    const options = new Map<string, string>();
    for (const o of own) {
      const v = text(o.name);
      if (v !== undefined) options.set(o.name, v);
    }

    const accounts = await cli.open(options);
    try {
      if (await accounts.taken(username.data)) taken(username.data);
      const password = await readNewPassword(values['password-stdin'] === true, cli.minPasswordLength);
      if (password.length < cli.minPasswordLength)
        cliRefuse(
          `Mật khẩu quá ngắn: cần ít nhất ${cli.minPasswordLength} ký tự`,
          `Password too short: at least ${cli.minPasswordLength} characters`,
        );
      try {
        console.log(await accounts.create({ username: username.data, displayName: name.data, password }));
      } catch (e) {
        const refusal = cli.refusal(e);
        if (refusal?.code === 'LAYSO_CONFLICT') taken(username.data);
        if (refusal)
          throw new CliRefusal(`${errorMessage(refusal.code)}: ${JSON.stringify(refusal.details ?? null)}`);
        throw e;
      }
    } finally {
      await accounts.close();
    }
  });
}
