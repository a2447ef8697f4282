/**
 * `npm run create-admin -w province-hub -- --username <u> [--display-name <n>] [--password-stdin]`: creates a province
 * admin in the hub's database (`DATABASE_URL`, or `--database-url`), migrating it first as a hub process would.
 * Safe while hubs run: the new admin signs in at once on any of them. The password is asked twice without echo on
 * a terminal, or read as one line from stdin with `--password-stdin`; it is never printed. Audited as
 * `user.create` with no actor (the CLI). The flow is server-kit's createAdminCli.
 *
 * Exit codes: 0 created; 2 refused (bad arguments, weak password, username taken); 1 anything else.
 */
import { HubName, HubPassword, HubUsername } from '@layso/protocol';
import { cliRefuse, createAdminCli } from '@layso/server-kit';
import pg from 'pg';
import { userByName } from '../accounts.js';
import { migrate } from '../db/migrate.js';
import { HubError } from '../hub-error.js';
import { createUser } from '../users.js';

createAdminCli({
  command: 'npm run create-admin -w province-hub --',
  options: [{ name: 'database-url', placeholder: 'postgres://…' }],
  usage: ['  DATABASE_URL: cơ sở dữ liệu của trung tâm tỉnh / the hub database (or --database-url)'],
  username: HubUsername,
  displayName: HubName,
  defaultDisplayName: 'Quản trị tỉnh',
  minPasswordLength: HubPassword.minLength ?? 10,
  open: async (options) => {
    const databaseUrl = options.get('database-url') ?? process.env.DATABASE_URL;
    if (!databaseUrl)
      cliRefuse('Thiếu DATABASE_URL (hoặc --database-url)', 'DATABASE_URL (or --database-url) is not set');
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    try {
      await migrate(pool);
    } catch (e) {
      await pool.end();
      throw e;
    }
    return {
      taken: async (username) => (await userByName(pool, username)) !== null,
      create: async (admin) => {
        const user = await createUser(pool, () => new Date(), { ...admin, role: 'province_admin' }, null);
        return (
          `Đã tạo quản trị tỉnh "${user.username}" (${user.displayName}) / ` +
          `province admin "${user.username}" created`
        );
      },
      close: () => pool.end(),
    };
  },
  refusal: (e) => (e instanceof HubError ? e : undefined),
});
