/**
 * `npm run create-admin -- --username <u> [--display-name <n>] [--password-stdin]`: creates an admin account in
 * DATA_DIR's database (same configuration as the server; migrates it the same way). Safe while the server runs
 * (SQLite WAL): the new admin signs in at once. The password is asked twice without echo on a terminal, or read
 * as one line from stdin with `--password-stdin`; it is never printed.
 *
 * Exit codes: 0 created; 2 refused (bad arguments, weak password, username taken); 1 anything else.
 */
import { mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { errorMessage, Text } from '@layso/protocol';
import { createAdmin, MIN_PASSWORD_LENGTH } from '../auth/setup.js';
import { loadConfig } from '../config.js';
import { AuditLog } from '../db/audit.js';
import { openDatabase } from '../db/open.js';
import { Store } from '../db/store.js';
import { AppError } from '../errors.js';

const USAGE = [
  'Cách dùng / usage: npm run create-admin -- --username <tên> [--display-name <tên hiển thị>] [--password-stdin]',
  '  Không có --password-stdin: hỏi mật khẩu (không hiện) hai lần / without it: asks for the password twice, hidden',
  '  --password-stdin: đọc mật khẩu từ một dòng stdin / reads the password as one line from stdin',
  '  DATA_DIR, CONFIG_FILE: như máy chủ / as for the server',
].join('\n');

/** A refusal the installer can fix: a message in both languages and exit code 2. */
class Refusal extends Error {}

function refuse(vi: string, en: string): never {
  throw new Refusal(`${vi} / ${en}`);
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
      reject(new Refusal('Đã huỷ / Cancelled'));
    });
  });
}

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return passwordFromStdin();
  if (!process.stdin.isTTY)
    refuse(
      'Không có bàn phím để nhập mật khẩu: dùng --password-stdin',
      'No terminal to type the password on: use --password-stdin',
    );
  const first = await askHidden(`Mật khẩu / password (≥ ${MIN_PASSWORD_LENGTH} ký tự / characters): `);
  // Refused before asking again, so a short password does not cost a second typing.
  if (first.length < MIN_PASSWORD_LENGTH) return first;
  const again = await askHidden('Nhập lại mật khẩu / password again: ');
  if (again !== first) refuse('Hai lần nhập mật khẩu không khớp', 'The two passwords differ');
  return first;
}

async function run(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        username: { type: 'string' },
        'display-name': { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    refuse(`Tham số không hợp lệ (${(e as Error).message})\n${USAGE}`, 'invalid arguments');
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const username = args.username?.trim();
  if (!username) refuse(`Thiếu --username\n${USAGE}`, 'missing --username');
  if (!/^[a-z0-9._-]{3,64}$/.test(username))
    refuse(
      'Tên đăng nhập chỉ gồm a-z, 0-9, dấu . _ -, dài 3 đến 64 ký tự',
      'A username is 3 to 64 of a-z, 0-9, . _ -',
    );
  // The same rules as a display name typed in the admin page: NFC, 1–120 characters, no controls or overrides.
  const name = Text(120).safeParse(args['display-name']?.trim() || 'Quản trị viên');
  if (!name.success)
    throw new Refusal(
      `Tên hiển thị không hợp lệ / Invalid display name: ${name.error.issues[0]?.message ?? ''}`,
    );
  const displayName = name.data;

  const config = loadConfig();
  mkdirSync(config.DATA_DIR, { recursive: true, mode: 0o700 });
  const db = openDatabase(config.dbFile);
  try {
    const store = new Store(db);
    // Checked before asking for the password, so a taken name is known without typing anything.
    if (store.accounts.userByName(username))
      refuse(`Tên đăng nhập "${username}" đã có`, `the username "${username}" is already taken`);
    const password = await readPassword(args['password-stdin']);
    if (password.length < MIN_PASSWORD_LENGTH)
      refuse(
        `Mật khẩu quá ngắn: cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự`,
        `Password too short: at least ${MIN_PASSWORD_LENGTH} characters`,
      );
    try {
      const user = await createAdmin(store, { username, displayName, password });
      new AuditLog(db).record(new Date(), null, 'cli.create-admin', { userId: user.id });
      console.log(
        `Đã tạo quản trị viên "${user.username}" (${user.displayName}) trong ${config.dbFile} / ` +
          `admin "${user.username}" created in ${config.dbFile}`,
      );
    } catch (e) {
      if (e instanceof AppError && e.code === 'LAYSO_CONFLICT')
        refuse(`Tên đăng nhập "${username}" đã có`, `the username "${username}" is already taken`);
      if (e instanceof AppError && e.status < 500)
        throw new Refusal(`${errorMessage(e.code)}: ${JSON.stringify(e.details ?? null)}`);
      throw e;
    }
  } finally {
    db.close();
  }
}

run().then(
  () => process.exit(0),
  (e: unknown) => {
    if (e instanceof Refusal) {
      console.error(e.message);
      process.exit(2);
    }
    console.error('Lỗi / error:', e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
