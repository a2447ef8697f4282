/**
 * `npm run create-admin -- --username <u> [--display-name <n>] [--password-stdin]`: creates an admin account in
 * DATA_DIR's database (same configuration as the server; migrates it the same way). Safe while the server runs
 * (SQLite WAL): the new admin signs in at once. The password is asked twice without echo on a terminal, or read
 * as one line from stdin with `--password-stdin`; it is never printed. The flow is server-kit's createAdminCli.
 *
 * Exit codes: 0 created; 2 refused (bad arguments, weak password, username taken); 1 anything else.
 */
import { mkdirSync } from 'node:fs';
import { UserInput } from '@layso/protocol';
import { createAdminCli } from '@layso/server-kit';
import { createAdmin, MIN_PASSWORD_LENGTH } from '../auth/setup.js';
import { loadConfig } from '../config.js';
import { AuditLog } from '../db/audit.js';
import { openDatabase } from '../db/open.js';
import { Store } from '../db/store.js';
import { AppError } from '../errors.js';

createAdminCli({
  command: 'npm run create-admin --',
  usage: ['  DATA_DIR, CONFIG_FILE: như máy chủ / as for the server'],
  username: UserInput.shape.username,
  displayName: UserInput.shape.displayName,
  defaultDisplayName: 'Quản trị viên',
  minPasswordLength: MIN_PASSWORD_LENGTH,
  open: async () => {
    const config = loadConfig();
    mkdirSync(config.DATA_DIR, { recursive: true, mode: 0o700 });
    const db = openDatabase(config.dbFile);
    const store = new Store(db);
    return {
      taken: (username) => store.accounts.userByName(username) !== null,
      create: async (admin) => {
        const user = await createAdmin(store, admin);
        new AuditLog(db).record(new Date(), null, 'cli.create-admin', { userId: user.id });
        return (
          `Đã tạo quản trị viên "${user.username}" (${user.displayName}) trong ${config.dbFile} / ` +
          `admin "${user.username}" created in ${config.dbFile}`
        );
      },
      close: () => {
        db.close();
      },
    };
  },
  refusal: (e) => (e instanceof AppError && e.status < 500 ? e : undefined),
});
