import { TrustProxySetting } from '@layso/server-kit';
import { z } from 'zod';

const Port = z.coerce.number().int().min(0).max(65535);

/** Every setting of a hub process, from the environment: parsed once, frozen, printed at start with secrets masked. */
const ConfigSchema = z.object({
  /** `postgres://user:password@host:port/database` of the hub's database; migrated at start. */
  DATABASE_URL: z
    .string({ message: 'DATABASE_URL là bắt buộc / DATABASE_URL is required' })
    .regex(/^postgres(ql)?:\/\//, 'postgres://… / postgresql://…'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: Port.default(8090),
  /** Connections this process may hold; processes × this must stay under the server's max_connections. */
  /** What the process writes to stdout: failures (database down, a 500) at `warn`/`error`; `silent` for none. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HUB_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  /** The load balancers in front whose `X-Forwarded-For` names the client (the sign-in limits count per client). */
  TRUST_PROXY: TrustProxySetting,
});

export type HubConfig = Readonly<z.infer<typeof ConfigSchema>>;

/** Refuses to start on a bad setting, saying which one and why in both languages. */
export function loadHubConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Cấu hình sai / invalid configuration:\n${lines.join('\n')}`);
  }
  return Object.freeze(parsed.data);
}

/** The configuration as printed at start: the database password masked. */
export function describeHubConfig(c: HubConfig): Record<string, unknown> {
  return { ...c, DATABASE_URL: c.DATABASE_URL.replace(/(:\/\/[^:/@]+:)[^@]*@/, '$1***@') };
}
