/**
 * Entry point of one hub process (`npm start -w province-hub`, or `node province-hub/dist/main.js`): loads the
 * config, migrates the database, serves. Stateless: run two or more behind a load balancer on one database.
 */
import { describeHubConfig, loadHubConfig } from './config.js';
import { createHub } from './server.js';

async function main(): Promise<void> {
  const config = loadHubConfig();
  console.log('LấySố province hub — cấu hình / configuration:', describeHubConfig(config));
  const hub = await createHub({
    databaseUrl: config.DATABASE_URL,
    poolSize: config.HUB_POOL_SIZE,
    trustProxy: [...config.TRUST_PROXY],
    ...(config.LOG_LEVEL === 'silent' ? {} : { logLevel: config.LOG_LEVEL }),
  });
  const url = await hub.listen(config.PORT, config.HOST);
  console.log(`Máy chủ tỉnh đang chạy / hub listening: ${url} (pid ${process.pid})`);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: đang dừng / shutting down`);
    setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await hub.close();
      process.exit(0);
    } catch (e) {
      console.error('Lỗi khi dừng / error while shutting down:', e instanceof Error ? e.message : e);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
