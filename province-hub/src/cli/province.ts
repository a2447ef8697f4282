/**
 * `npm run province`: the demo province on this machine — PostgreSQL (Debian's, started under its own user), two
 * hub processes behind a balancer, three demo sites each with its kiosk, counters and screens. Prints where to
 * open each; reads commands to cut and restore a site's link to the hub. Ctrl-C stops everything; the data stays
 * in PROVINCE_DATA_DIR (default ./data/province) for the next run.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { startProvince, type ProvinceSite } from '../demo/province.js';

/** A port from the environment (the next ones must be free too), or why not, in both languages. */
function port(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65533) {
    throw new Error(`${name}: cổng không hợp lệ "${raw}" / not a valid port "${raw}" (1–65533)`);
  }
  return value;
}

/** What the demo reads of a site's DATA_DIR/demo-credentials.json (its shape is DESIGN.md's contract). */
interface DemoCredentials {
  admin: { username: string; password: string };
  officers: { username: string; password: string }[];
  kioskUrl: string;
  counterUrl: string;
  adminUrl: string;
}

function credentials(site: ProvinceSite): DemoCredentials | null {
  try {
    return JSON.parse(readFileSync(join(site.dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const dir = resolve(process.env.PROVINCE_DATA_DIR ?? './data/province');
  const hubPort = port('HUB_PORT', 8090);
  const sitePort = port('SITE_PORT', 8081);
  const postgresPort = port('PROVINCE_PG_PORT', 5440);
  console.log(`Đang khởi động tỉnh mẫu / starting the demo province in ${dir} …`);
  const province = await startProvince({
    dir,
    hubPort,
    hubProcessPorts: [hubPort + 1, hubPort + 2],
    postgresPort,
    sitePorts: [sitePort, sitePort + 1, sitePort + 2],
  });

  console.log(
    `\nMáy chủ tỉnh / province hub: ${province.hubUrl}  (2 tiến trình / processes: ${province.hubs
      .map((h) => h.url)
      .join(', ')})`,
  );
  console.log(`   Đăng nhập / sign in: ${province.admin.username} / ${province.admin.password}`);
  for (const [i, site] of province.sites.entries()) {
    const c = credentials(site);
    console.log(`\n${i + 1}. ${site.name} (${site.code}) — ${site.child.url}`);
    if (c) {
      console.log(`   Kiosk: ${c.kioskUrl}`);
      console.log(
        `   Quầy / counter: ${c.counterUrl}  (${c.officers[0]?.username ?? ''} / ${c.officers[0]?.password ?? ''})`,
      );
      console.log(`   Quản trị / admin: ${c.adminUrl}  (${c.admin.username} / ${c.admin.password})`);
    }
  }
  console.log(
    '\nLệnh / commands: "cat N" cắt đường truyền của điểm N / cut site N\'s link · "noi N" nối lại / restore it · ' +
      '"q" dừng / stop (Ctrl-C)',
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('Đang dừng / stopping …');
    setTimeout(() => process.exit(1), 20_000).unref();
    await province.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const input = createInterface({ input: process.stdin });
  input.on('line', (line) => {
    const [command, n] = line.trim().toLowerCase().split(/\s+/);
    if (command === 'q') return void stop();
    const site = province.sites[Number(n) - 1];
    if (!site || !command) {
      if (line.trim()) console.log('Không hiểu lệnh / unknown command (cat N · noi N · q)');
      return;
    }
    if (command === 'cat' || command === 'cut') {
      site.link.cutLink();
      console.log(`Đã cắt đường truyền của ${site.code} / link cut: its facts wait in its outbox`);
    } else if (command === 'noi' || command === 'restore') {
      site.link.restore();
      console.log(`Đã nối lại ${site.code} / link restored: it catches up by itself`);
    } else {
      console.log('Không hiểu lệnh / unknown command (cat N · noi N · q)');
    }
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
