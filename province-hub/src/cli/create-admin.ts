/**
 * `npm run create-admin -w province-hub -- --username <u> [--display-name <n>] [--password-stdin]`: creates a province
 * admin in the hub's database (`DATABASE_URL`, or `--database-url`), migrating it first as a hub process would.
 * Safe while hubs run: the new admin signs in at once on any of them. The password is asked twice without echo on
 * a terminal, or read as one line from stdin with `--password-stdin`; it is never printed. Audited as
 * `user.create` with no actor (the CLI).
 *
 * Exit codes: 0 created; 2 refused (bad arguments, weak password, username taken); 1 anything else.
 */
import { parseArgs } from 'node:util';
import { errorMessage, HubName, HubPassword, HubUsername } from '@layso/protocol';
import { CliRefusal, cliRefuse, readNewPassword, runCli } from '@layso/server-kit';
import pg from 'pg';
import { userByName } from '../accounts.js';
import { migrate } from '../db/migrate.js';
import { HubError } from '../hub-error.js';
import { createUser } from '../users.js';

const MIN_PASSWORD_LENGTH = HubPassword.minLength ?? 10;

const USAGE = [
  'Cách dùng / usage: npm run create-admin -w province-hub -- --username <tên> [--display-name <tên hiển thị>] ' +
    '[--password-stdin] [--database-url postgres://…]',
  '  Không có --password-stdin: hỏi mật khẩu (không hiện) hai lần / without it: asks for the password twice, hidden',
  '  --password-stdin: đọc mật khẩu từ một dòng stdin / reads the password as one line from stdin',
  '  DATABASE_URL: cơ sở dữ liệu của trung tâm tỉnh / the hub database (or --database-url)',
].join('\n');

async function run(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        username: { type: 'string' },
        'display-name': { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
        'database-url': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    cliRefuse(
      `Tham số không hợp lệ (${e instanceof Error ? e.message : String(e)})\n${USAGE}`,
      'invalid arguments',
    );
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const username = HubUsername.safeParse(args.username ?? '');
  if (!username.success)
    cliRefuse(
      `Tên đăng nhập chỉ gồm a-z, 0-9, dấu . _ -, dài 3 đến 64 ký tự\n${USAGE}`,
      'A username is 3 to 64 of a-z, 0-9, . _ -',
    );
  const name = HubName.safeParse(args['display-name']?.trim() || 'Quản trị tỉnh');
  if (!name.success)
    throw new CliRefusal(
      `Tên hiển thị không hợp lệ / Invalid display name: ${name.error.issues[0]?.message ?? ''}`,
    );
  const databaseUrl = args['database-url'] ?? process.env.DATABASE_URL;
  if (!databaseUrl)
    cliRefuse('Thiếu DATABASE_URL (hoặc --database-url)', 'DATABASE_URL (or --database-url) is not set');

  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    await migrate(pool);
    // Checked before asking for the password, so a taken name is known without typing anything.
    if (await userByName(pool, username.data))
      cliRefuse(`Tên đăng nhập "${username.data}" đã có`, `the username "${username.data}" is already taken`);
    const password = await readNewPassword(args['password-stdin'], MIN_PASSWORD_LENGTH);
    if (password.length < MIN_PASSWORD_LENGTH)
      cliRefuse(
        `Mật khẩu quá ngắn: cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự`,
        `Password too short: at least ${MIN_PASSWORD_LENGTH} characters`,
      );
    try {
      const user = await createUser(
        pool,
        () => new Date(),
        { username: username.data, displayName: name.data, password, role: 'province_admin' },
        null,
      );
      console.log(
        `Đã tạo quản trị tỉnh "${user.username}" (${user.displayName}) / ` +
          `province admin "${user.username}" created`,
      );
    } catch (e) {
      if (e instanceof HubError && e.code === 'LAYSO_CONFLICT')
        cliRefuse(
          `Tên đăng nhập "${username.data}" đã có`,
          `the username "${username.data}" is already taken`,
        );
      if (e instanceof HubError)
        throw new CliRefusal(`${errorMessage(e.code)}: ${JSON.stringify(e.details ?? null)}`);
      throw e;
    }
  } finally {
    await pool.end();
  }
}

runCli(run);
