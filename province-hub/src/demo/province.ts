import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrate } from '../db/migrate.js';
import { PostgresCluster, reachableByServer } from '../postgres/cluster.js';
import { issueSiteKey, siteOfKey } from '../sites.js';
import { seedDemoAdmin } from '../users.js';
import { startChild, type Child } from './child.js';
import { Relay } from './relay.js';

/**
 * The demo province (`npm run province`) and the province's end-to-end tests: a PostgreSQL cluster of our own, two
 * hub processes behind a round-robin relay (any load balancer would do), and demo sites — each a real queue server
 * with its own SQLite file, joined to the hub through a link of its own that can be cut and restored.
 */
export interface DemoSite {
  code: string;
  name: string;
  commune: string;
}

/** Three wards of the merged province, one from each of the old provinces. */
export const DEMO_SITES: readonly DemoSite[] = [
  {
    code: 'long-chau',
    name: 'Trung tâm Phục vụ hành chính công phường Long Châu',
    commune: 'Phường Long Châu',
  },
  { code: 'an-hoi', name: 'Trung tâm Phục vụ hành chính công phường An Hội', commune: 'Phường An Hội' },
  { code: 'tra-vinh', name: 'Trung tâm Phục vụ hành chính công phường Trà Vinh', commune: 'Phường Trà Vinh' },
];

export interface ProvinceOptions {
  /** Everything the demo keeps: `postgres/`, `sites/<code>/` (each site's DATA_DIR), the site keys. */
  dir: string;
  /** The balancer's port, where screens and sites reach the hub (0 = a free one). */
  hubPort?: number;
  /** The hub processes' own ports (0 = free ones); their number is how many processes run (default 2). */
  hubProcessPorts?: number[];
  /** PostgreSQL's port (0 = a free one). */
  postgresPort?: number;
  /** fsync for the cluster: on for the demo (its data is kept), off for throwaway test clusters. */
  durable?: boolean;
  sites?: readonly DemoSite[];
  /** Each site's port, in order (0 = a free one); printers take free ports. */
  sitePorts?: number[];
  /** Extra environment for every site (tests: faster heartbeats, no kiosk pacing). */
  siteEnv?: Record<string, string>;
  /** Copies the children's output to ours with their names. */
  echo?: boolean;
}

export interface ProvinceSite extends DemoSite {
  /** The site's queue server (kill it, start it again with `restart`). */
  child: Child;
  dataDir: string;
  /** The site's link to the hub: `cutLink()` / `restore()`. */
  link: Relay;
  restart(): Promise<void>;
}

export interface Province {
  /** Where viewers and sites reach the hub (through the balancer). */
  readonly hubUrl: string;
  readonly databaseUrl: string;
  readonly cluster: PostgresCluster;
  /** The hub processes (kill one; `restartHub(i)` starts it again on its port). */
  readonly hubs: Child[];
  restartHub(index: number): Promise<void>;
  readonly sites: ProvinceSite[];
  /** The demo province admin (made on the first run, kept in `<dir>/hub-credentials.json`, 0600). */
  readonly admin: { username: string; password: string };
  stop(): Promise<void>;
}

/** The repository's root: the folder above whose package.json is the monorepo's ("layso"). */
export function repoRoot(from = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'layso'
    ) {
      return dir;
    }
  }
  throw new Error('repository root not found');
}

const HUB_READY = /hub listening: (https?:\/\/[^\s]+)/;
const SITE_READY = /running: (https?:\/\/127\.0\.0\.1:\d+)/;

/** Gives each site a key the hub knows (kept in the demo folder, 0600), issuing a new one when the hub lost it. */
async function siteKeys(
  pool: pg.Pool,
  dir: string,
  sites: readonly DemoSite[],
): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  for (const site of sites) {
    const file = join(dir, 'keys', `${site.code}.key`);
    let key = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
    const known = key ? await siteOfKey(pool, key) : null;
    if (!known || known.revoked) {
      key = await issueSiteKey(pool, site);
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, `${key}\n`, { mode: 0o600 });
      chmodSync(file, 0o600);
    }
    keys.set(site.code, key);
  }
  return keys;
}

/**
 * The cluster's folder: `<dir>/postgres`, unless the server's user cannot reach it (a checkout under root's 0700
 * home): then under the postgres user's own home, named after the demo folder, and said so.
 */
function clusterFolder(dir: string): string {
  const inside = join(dir, 'postgres');
  if (reachableByServer(dir)) return inside;
  const home = '/var/lib/postgresql';
  const elsewhere = join(home, `layso-${createHash('sha256').update(dir).digest('hex').slice(0, 12)}`);
  console.warn(
    `PostgreSQL (user postgres) không vào được ${dir}; dữ liệu của nó ở ${elsewhere} / ` +
      `PostgreSQL (user postgres) cannot reach ${dir}; its data is kept in ${elsewhere}`,
  );
  return elsewhere;
}

/** The demo's province admin: the one of an earlier run when its file is there, else a new one written down. */
async function demoAdmin(pool: pg.Pool, dir: string): Promise<{ username: string; password: string }> {
  const file = join(dir, 'hub-credentials.json');
  if (existsSync(file)) {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { username?: unknown; password?: unknown };
    if (typeof kept.username === 'string' && typeof kept.password === 'string') {
      const { rowCount } = await pool.query(
        'SELECT 1 FROM users WHERE username = $1 AND disabled_at IS NULL',
        [kept.username],
      );
      if (rowCount) return { username: kept.username, password: kept.password };
    }
  }
  const admin = await seedDemoAdmin(pool);
  writeFileSync(file, `${JSON.stringify(admin, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return admin;
}

export async function startProvince(options: ProvinceOptions): Promise<Province> {
  const root = repoRoot();
  const sites = options.sites ?? DEMO_SITES;
  // 0711: the PostgreSQL server (user postgres when we are root) passes through to its own folder, sees nothing else.
  mkdirSync(options.dir, { recursive: true, mode: 0o711 });
  chmodSync(options.dir, 0o711);
  const clusterDir = clusterFolder(options.dir);
  const cluster = await PostgresCluster.init({
    dir: clusterDir,
    port: options.postgresPort || undefined,
    settings: options.durable === false ? { fsync: 'off' } : {},
  });
  await cluster.start();
  const stopCluster = () => cluster.stopSync('fast');
  process.once('exit', stopCluster);
  const started: { stop(): Promise<void> }[] = [];
  try {
    const databaseUrl = await cluster.ensureDatabase('layso_hub');
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    let keys: Map<string, string>;
    let admin: { username: string; password: string };
    try {
      await migrate(pool);
      keys = await siteKeys(pool, options.dir, sites);
      admin = await demoAdmin(pool, options.dir);
    } finally {
      await pool.end();
    }

    const hubEntry = join(root, 'province-hub', 'dist', 'main.js');
    const hubPorts = options.hubProcessPorts ?? [0, 0];
    const startHub = (i: number) =>
      startChild({
        name: `hub-${i + 1}`,
        entry: hubEntry,
        cwd: root,
        env: { DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: String(hubPorts[i] ?? 0) },
        ready: HUB_READY,
        echo: options.echo,
      });
    const hubs: Child[] = [];
    for (let i = 0; i < hubPorts.length; i++) {
      const hub = await startHub(i);
      hubs.push(hub);
      // A process restarted later comes back on the port the balancer knows.
      hubPorts[i] = Number(new URL(hub.url).port);
    }
    started.push({ stop: async () => void (await Promise.all(hubs.map((h) => h.kill()))) });
    const balancer = new Relay(hubPorts);
    const hubPort = await balancer.listen(options.hubPort ?? 0);
    started.push({ stop: () => balancer.close() });
    const hubUrl = `http://127.0.0.1:${hubPort}`;

    const siteEntry = join(root, 'queue-server', 'dist', 'main.js');
    const provinceSites: ProvinceSite[] = [];
    for (const [i, site] of sites.entries()) {
      const link = new Relay([hubPort]);
      const linkPort = await link.listen();
      started.push({ stop: () => link.close() });
      const dataDir = join(options.dir, 'sites', site.code);
      const port = options.sitePorts?.[i] ?? 0;
      let sitePort = port;
      const run = async () => {
        const child = await startChild({
          name: site.code,
          entry: siteEntry,
          cwd: root,
          env: {
            DATA_DIR: dataDir,
            HOST: '127.0.0.1',
            PORT: String(sitePort),
            PRINTER_PORT: '0',
            PUBLIC_URL: '',
            CONFIG_FILE: '',
            NODE_ENV: 'development',
            CENTER_NAME: site.name,
            HUB_URL: `http://127.0.0.1:${linkPort}`,
            HUB_SITE_KEY: keys.get(site.code) ?? '',
            ALLOW_HTTP_UPSTREAM: 'true',
            ...options.siteEnv,
          },
          ready: SITE_READY,
          echo: options.echo,
        });
        sitePort = Number(new URL(child.url).port);
        return child;
      };
      const entry: ProvinceSite = {
        ...site,
        child: await run(),
        dataDir,
        link,
        async restart() {
          await entry.child.kill();
          entry.child = await run();
        },
      };
      provinceSites.push(entry);
    }
    started.push({ stop: async () => void (await Promise.all(provinceSites.map((s) => s.child.kill()))) });

    return {
      hubUrl,
      databaseUrl,
      cluster,
      hubs,
      async restartHub(index) {
        await hubs[index]?.kill();
        hubs[index] = await startHub(index);
      },
      sites: provinceSites,
      admin,
      async stop() {
        for (const s of started.splice(0).reverse()) await s.stop();
        process.removeListener('exit', stopCluster);
        await cluster.stop('fast');
      },
    };
  } catch (err) {
    for (const s of started.splice(0).reverse()) await s.stop().catch(() => {});
    process.removeListener('exit', stopCluster);
    stopCluster();
    throw err;
  }
}
