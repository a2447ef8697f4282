import { describe, expect, it } from 'vitest';
import { useHubs } from './testing/hub.js';

const hubs = useHubs();

describe('a hub process when PostgreSQL restarts', () => {
  it('lives through a connection ended in the middle of a query: the query fails, the process does not', async () => {
    const hub = await hubs.start();
    const client = await hub.pool.connect();
    const unheard: unknown[] = [];
    const onUncaught = (err: unknown) => unheard.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      const failed = expect(client.query('SELECT pg_sleep(60)')).rejects.toThrow();
      // A fast stop ends every session at once, the held one among them.
      await hubs.postgres.restart('fast');
      await failed;
      client.release(true);
      // What the ended connection emitted has been dealt with by now; the hub answers again.
      await expect(hub.pool.query('SELECT 1 AS one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
      expect(unheard).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
