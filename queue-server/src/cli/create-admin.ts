/**
 * `npm run create-admin -- --username <u> [--display-name <n>] [--password-stdin]`: creates an admin account in
 * DATA_DIR's database (same configuration as the server; migrates it the same way). Safe while the server runs
 * (SQLite WAL): the new admin signs in at once. The password is asked twice without echo on a terminal, or read
 * as one line from stdin with `--password-stdin`; it is never printed.
 *
 * Exit codes: 0 created; 2 refused (bad arguments, weak password, username taken); 1 anything else.
 */
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { errorMessage, Text } from '@layso/protocol';
import { CliRefusal, cliRefuse, readNewPassword, runCli } from '@layso/server-kit';
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
    cliRefuse(`Tham số không hợp lệ (${(e as Error).message})\n${USAGE}`, 'invalid arguments');
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const username = args.username?.trim();
  if (!username) cliRefuse(`Thiếu --username\n${USAGE}`, 'missing --username');
  if (!/^[a-z0-9._-]{3,64}$/.test(username))
    cliRefuse(
      'Tên đăng nhập chỉ gồm a-z, 0-9, dấu . _ -, dài 3 đến 64 ký tự',
      'A username is 3 to 64 of a-z, 0-9, . _ -',
    );
  // The same rules as a display name typed in the admin page: NFC, 1–120 characters, no controls or overrides.
  const name = Text(120).safeParse(args['display-name']?.trim() || 'Quản trị viên');
  if (!name.success)
    throw new CliRefusal(
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
      cliRefuse(`Tên đăng nhập "${username}" đã có`, `the username "${username}" is already taken`);
    const password = await readNewPassword(args['password-stdin'], MIN_PASSWORD_LENGTH);
    if (password.length < MIN_PASSWORD_LENGTH)
      cliRefuse(
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
        cliRefuse(`Tên đăng nhập "${username}" đã có`, `the username "${username}" is already taken`);
      if (e instanceof AppError && e.status < 500)
        throw new CliRefusal(`${errorMessage(e.code)}: ${JSON.stringify(e.details ?? null)}`);
      throw e;
    }
  } finally {
    db.close();
  }
}

runCli(run);
