import type { OutboxItem } from '@layso/protocol';
import { stateOf, type OutboxListItem } from '../db/outbox.js';
import { toIso } from '../domain/time.js';
import { upstreamView } from '../sync/health.js';
import { fail } from '../errors.js';
import type { Context } from '../context.js';
import type { SomeHandlers } from './endpoint.js';
import { userIdOf } from './guard.js';

const iso = (d: Date | null): string | null => (d ? toIso(d) : null);

const itemView = (o: OutboxListItem): OutboxItem => ({
  id: o.id,
  ticketId: o.ticketId,
  ticketNumber: o.ticketNumber,
  dossierCode: o.dossierCode,
  state: stateOf(o),
  createdAt: toIso(o.createdAt),
  attempts: o.attempts,
  nextAttemptAt: toIso(o.nextAttemptAt),
  lastAttemptAt: iso(o.lastAttemptAt),
  deliveredAt: iso(o.deliveredAt),
  lastError: o.lastError,
  deadAt: iso(o.deadAt),
  deadReason: o.deadReason,
});

/**
 * The provincial outbox for the admin (issue 8): counts by state, the oldest waiting record, the province's
 * health, the records with their errors, and retrying dead letters (admins only; every retry is audited).
 */
export function outboxHandlers(ctx: Context) {
  return {
    outbox: async (req) => {
      const now = ctx.clock.now();
      const counts = ctx.outbox.counts();
      const health = ctx.sync.health();
      return {
        pending: counts.pending,
        counts: { pending: counts.pending, delivered: counts.delivered, dead: counts.dead },
        oldestPendingAt: iso(counts.oldestPendingAt),
        oldestPendingAgeSeconds: counts.oldestPendingAt
          ? Math.max(0, Math.floor((now.getTime() - counts.oldestPendingAt.getTime()) / 1000))
          : null,
        province: upstreamView(health),
        items: ctx.outbox.list(req.query).map(itemView),
      };
    },

    retryOutbox: async (req) => {
      const id = req.params.id;
      const now = ctx.clock.now();
      const retried = ctx.store.transaction(() => {
        const row = ctx.outbox.get(id);
        if (!row) fail('LAYSO_OUTBOX_NOT_FOUND', { id });
        if (stateOf(row) !== 'dead') fail('LAYSO_OUTBOX_NOT_DEAD', { id, state: stateOf(row) });
        ctx.outbox.retry(id, now);
        ctx.audit.record(now, userIdOf(req), 'outbox.retry', {
          outboxId: id,
          dossierCode: row.dossierCode,
          deadReason: row.deadReason,
        });
        return ctx.outbox.get(id);
      });
      ctx.sync.wake();
      if (!retried) fail('LAYSO_OUTBOX_NOT_FOUND', { id });
      return itemView(retried);
    },

    retryDeadOutbox: async (req) => {
      const now = ctx.clock.now();
      const retried = ctx.store.transaction(() => {
        const n = ctx.outbox.retryAllDead(now);
        ctx.audit.record(now, userIdOf(req), 'outbox.retry-dead', { retried: n });
        return n;
      });
      ctx.sync.wake();
      return { retried };
    },
  } satisfies SomeHandlers;
}
