import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { NOTICE_CHANNELS } from '@layso/protocol';
import { serviceDay } from '../domain/time.js';
import { fail } from '../errors.js';
import type { Context } from '../context.js';
import { isLoopback } from '../network.js';
import type { SomeHandlers } from './endpoint.js';

type Labels = Record<string, string>;
interface Family {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  samples: { labels?: Labels; value: number }[];
}

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

/** Prometheus text exposition format 0.0.4. */
export function renderMetrics(families: readonly Family[]): string {
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) {
      const labels = s.labels
        ? `{${Object.entries(s.labels)
            .map(([k, v]) => `${k}="${escape(v)}"`)
            .join(',')}}`
        : '';
      lines.push(`${f.name}${labels} ${Number.isFinite(s.value) ? s.value : 0}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Localhost, or a bearer token equal to METRICS_TOKEN; never the public. */
function mayRead(req: FastifyRequest, token: string | undefined): boolean {
  // The real client: behind a trusted proxy (TRUST_PROXY) the forwarded address, else the connection's own.
  if (isLoopback(req.ip)) return true;
  const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!token || !given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The notices (issue 19): this month's by channel and state, attempts since start, each provider's health. */
function noticeFamilies(ctx: Context): Family[] {
  const summary = ctx.notices.summary({ limit: 1 });
  const states = ['pending', 'sent', 'dead', 'dropped'] as const;
  const outcomes = ['sent', 'failed', 'dead', 'dropped', 'fallback'] as const;
  return [
    {
      name: 'layso_notices',
      help: 'Notices created this month by channel and state',
      type: 'gauge',
      samples: NOTICE_CHANNELS.flatMap((channel) =>
        states.map((state) => ({
          labels: { channel, state },
          value: summary.byChannel[channel].total[state],
        })),
      ),
    },
    {
      name: 'layso_notice_attempts_total',
      help: 'Notice attempts since start by channel and outcome (fallback: a ZNS notice sent again by SMS)',
      type: 'counter',
      samples: NOTICE_CHANNELS.flatMap((channel) => {
        const stats = ctx.notices.dispatcher.stats(channel);
        return outcomes.map((outcome) => ({ labels: { channel, outcome }, value: stats[outcome] }));
      }),
    },
    {
      name: 'layso_notice_provider_up',
      help: 'Whether a notice provider answers (1), fails (0); -1 when off or nothing sent yet',
      type: 'gauge',
      samples: NOTICE_CHANNELS.map((channel) => {
        const state = summary.health[channel].state;
        return { labels: { channel }, value: state === 'up' ? 1 : state === 'failing' ? 0 : -1 };
      }),
    },
    {
      name: 'layso_notices_sent_month',
      help: 'Messages sent this calendar month per channel (what the provider bills)',
      type: 'gauge',
      samples: NOTICE_CHANNELS.map((channel) => ({ labels: { channel }, value: summary.month[channel] })),
    },
  ];
}

/** The province hub's link (issue 20): backlog, its age, the acknowledged seq, and whether it is up or stopped. */
function hubFamilies(ctx: Context, now: Date): Family[] {
  const link = ctx.hub.view();
  const oldest = link.oldestUnsentAt ? Date.parse(link.oldestUnsentAt) : null;
  return [
    {
      name: 'layso_hub_backlog',
      help: 'Facts recorded for the province hub and not yet acknowledged',
      type: 'gauge',
      samples: [{ value: link.backlog }],
    },
    {
      name: 'layso_hub_oldest_unsent_age_seconds',
      help: 'Age of the oldest fact waiting for the hub (0 when none waits)',
      type: 'gauge',
      samples: [{ value: oldest === null ? 0 : Math.max(0, (now.getTime() - oldest) / 1000) }],
    },
    {
      name: 'layso_hub_acknowledged_seq',
      help: 'The highest fact seq the hub acknowledged',
      type: 'gauge',
      samples: [{ value: link.acknowledgedSeq }],
    },
    {
      name: 'layso_hub_up',
      help: '1 when the hub took the last request, 0 when failing or stopped (key, refused fact, gap); -1 when off or unknown',
      type: 'gauge',
      samples: [{ value: link.state === 'up' ? 1 : link.state === 'failing' ? 0 : -1 }],
    },
    {
      name: 'layso_hub_stopped',
      help: 'Why sending to the hub stopped until someone acts (1 on the reason): key, refused, gap',
      type: 'gauge',
      samples: (['key', 'refused', 'gap'] as const).map((reason) => ({
        labels: { reason },
        value: link.stopped === reason ? 1 : 0,
      })),
    },
    {
      name: 'layso_hub_last_error',
      help: 'The last error of the link to the hub (short, no personal data), 1 while it is the current state',
      type: 'gauge',
      samples: link.lastError
        ? [{ labels: { error: link.lastError }, value: link.state === 'failing' ? 1 : 0 }]
        : [],
    },
    {
      name: 'layso_hub_consecutive_failures',
      help: 'Failed requests to the hub since its last answer',
      type: 'gauge',
      samples: [{ value: link.consecutiveFailures }],
    },
  ];
}

/** `GET /metrics`: the outbox, the province and the queue, for Prometheus. No personal data. */
/** The table's `monitoring` access: the scraper on this machine, or one holding METRICS_TOKEN. */
export const monitoringGuard =
  (token: string | undefined) =>
  async (req: FastifyRequest): Promise<void> => {
    if (!mayRead(req, token)) fail(req.headers.authorization ? 'LAYSO_FORBIDDEN' : 'LAYSO_UNAUTHENTICATED');
  };

export const metricsHandlers = (ctx: Context) =>
  ({
    metrics: async (_req, reply) => {
      const now = ctx.clock.now();
      const counts = ctx.outbox.counts();
      const health = ctx.sync.health();
      const stats = ctx.sync.stats();
      const storage = ctx.storage.recent();
      const day = serviceDay(now);
      const services = ctx.store.catalogue
        .services()
        .map((s) => ({ s, d: ctx.store.tickets.serviceDay(s.id, day) }));
      const families: Family[] = [
        {
          name: 'layso_outbox_records',
          help: 'Provincial outbox records by state',
          type: 'gauge',
          samples: (['pending', 'delivered', 'dead'] as const).map((state) => ({
            labels: { state },
            value: counts[state],
          })),
        },
        {
          name: 'layso_outbox_oldest_pending_age_seconds',
          help: 'Age of the oldest record waiting for delivery (0 when none waits)',
          type: 'gauge',
          samples: [
            {
              value: counts.oldestPendingAt
                ? Math.max(0, (now.getTime() - counts.oldestPendingAt.getTime()) / 1000)
                : 0,
            },
          ],
        },
        {
          name: 'layso_province_up',
          help: '1 when the provincial system answered the last request, 0 when it is failing or off',
          type: 'gauge',
          samples: [{ value: health.enabled && health.state === 'up' ? 1 : 0 }],
        },
        {
          name: 'layso_province_consecutive_failures',
          help: 'Failed requests to the provincial system since its last answer',
          type: 'gauge',
          samples: [{ value: health.consecutiveFailures }],
        },
        {
          name: 'layso_disk_free_bytes',
          help: 'Free bytes of the file system holding DATA_DIR (-1 when unknown)',
          type: 'gauge',
          samples: [{ value: storage.freeBytes ?? -1 }],
        },
        {
          name: 'layso_db_writable',
          help: '1 when the database took the health probe write, 0 when it refused (read-only, disk full, I/O error)',
          type: 'gauge',
          samples: [{ value: storage.writable ? 1 : 0 }],
        },
        {
          name: 'layso_outbox_deliveries_total',
          help: 'Records the province accepted (created) or already had (duplicate, 409)',
          type: 'counter',
          samples: Object.entries(stats.deliveries).map(([result, value]) => ({ labels: { result }, value })),
        },
        {
          name: 'layso_outbox_failures_total',
          help: 'Failed deliveries that will be retried, by kind',
          type: 'counter',
          samples: Object.entries(stats.failures).map(([kind, value]) => ({ labels: { kind }, value })),
        },
        {
          name: 'layso_outbox_dead_letters_total',
          help: 'Records given up (until an admin retries them), by reason',
          type: 'counter',
          samples: Object.entries(stats.deadLetters).map(([reason, value]) => ({
            labels: { reason },
            value,
          })),
        },
        {
          name: 'layso_tickets_issued_today',
          help: 'Tickets issued today (Vietnam time) by service',
          type: 'gauge',
          samples: services.map(({ s, d }) => ({ labels: { service: s.code }, value: d.issued })),
        },
        {
          name: 'layso_tickets_waiting',
          help: 'Tickets waiting now by service',
          type: 'gauge',
          samples: services.map(({ s, d }) => ({
            labels: { service: s.code },
            value: d.waitingNormal + d.waitingPriority,
          })),
        },
        {
          name: 'layso_calls_total',
          help: 'Tickets called at counters since the server started (recall = called again)',
          type: 'counter',
          samples: [
            { labels: { kind: 'call' }, value: ctx.counters.calls },
            { labels: { kind: 'recall' }, value: ctx.counters.recalls },
          ],
        },
        ...noticeFamilies(ctx),
        ...hubFamilies(ctx, now),
      ];
      return reply.type('text/plain; version=0.0.4; charset=utf-8').send(renderMetrics(families));
    },
  }) satisfies SomeHandlers;
