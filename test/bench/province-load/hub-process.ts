/**
 * One hub process of the province load bench (`node --import tsx`): the real createHub on the bench's database
 * (HUB_DATABASE_URL), admitting the bench's dashboard token as a province viewer instead of signed-in accounts.
 * Prints its URL when ready; closes on SIGTERM.
 */
import { createHub, type HubAccess } from '@layso/province-hub';
import { BENCH_VIEWER_TOKEN } from './messages.js';

const access: HubAccess = {
  viewerOf: (token) =>
    Promise.resolve(
      token === BENCH_VIEWER_TOKEN
        ? { userId: 1, username: 'bench', role: 'province_viewer', siteIds: null }
        : null,
    ),
};

const databaseUrl = process.env.HUB_DATABASE_URL;
if (!databaseUrl) throw new Error('HUB_DATABASE_URL is required');
const hub = await createHub({ databaseUrl, access, poolSize: Number(process.env.HUB_POOL_SIZE ?? 10) });
const url = await hub.listen();
console.log(`hub listening on ${url}`);
process.once('SIGTERM', () => {
  hub.close().then(
    () => {
      // What this process spent, for the bench's cost per batch (the machine is shared: wall time says less).
      const cpu = process.cpuUsage();
      console.log(`hub cpu ${Math.round((cpu.user + cpu.system) / 1000)} ms`);
      process.exit(0);
    },
    () => process.exit(1),
  );
});
