import type { User } from '@layso/protocol';
import type { FastifyRequest } from 'fastify';
import type { UserRow } from '../db/store.js';
import { fail, rawCodeOf, storageProblemOf } from '../errors.js';
import type { Context } from '../context.js';
import type { SomeHandlers } from './endpoint.js';

/** A signed-in user as replies show them: the seat of this session beside their usual counter. */
const userReply = (u: UserRow, seat: number | null): User => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  counterId: seat,
  homeCounterId: u.counterId,
});

/**
 * Counters' upkeep after a sign-in or sign-out (closing seats left behind). On a full disk it cannot be written;
 * the sign-in or sign-out itself still stands, so that is logged (no personal data) rather than refused.
 */
function tidySeats(ctx: Context, req: FastifyRequest): void {
  try {
    ctx.publisher.publish(ctx.queue.releaseIdleSeats());
  } catch (e) {
    const problem = storageProblemOf(rawCodeOf(e));
    if (!problem) throw e;
    req.log.warn({ problem }, 'seats left behind not closed: storage refused the write');
  }
  ctx.publisher.sweep('sessions');
}

export const authHandlers = (ctx: Context) =>
  ({
    login: async (req) => {
      const reply = await ctx.auth.login(req.body.username, req.body.password, req.body.counterId, req.ip);
      if (ctx.auth.isHeld(reply.token)) {
        // Storage refused the session: it is held in memory, and the counter opens once it is written.
        req.log.warn({ userId: reply.user.id }, 'session held in memory: storage refused its write');
      } else if (reply.user.counterId !== null) {
        ctx.publisher.publish(ctx.queue.occupy(reply.user.counterId, reply.user.id));
        // The officer's seats elsewhere ended with this sign-in: close those counters, drop their sockets.
        tidySeats(ctx, req);
      }
      return reply;
    },

    seat: async (req) => {
      const p = req.principal;
      if (p?.kind !== 'user') fail('LAYSO_FORBIDDEN');
      ctx.auth.seat(p, req.body.counterId);
      ctx.publisher.publish(ctx.queue.occupy(req.body.counterId, p.user.id));
      // The seat left behind closes; sockets that followed it reconnect to the new one.
      ctx.publisher.publish(ctx.queue.releaseIdleSeats());
      ctx.publisher.sweep('sessions');
      return userReply(p.user, req.body.counterId);
    },

    logout: async (req) => {
      const p = req.principal;
      if (p?.kind === 'user') {
        ctx.auth.logout(p);
        tidySeats(ctx, req);
      }
      return { ok: true as const };
    },

    me: async (req) => {
      const p = req.principal;
      if (p?.kind !== 'user') fail('LAYSO_FORBIDDEN');
      return userReply(p.user, p.counterId);
    },
  }) satisfies SomeHandlers;
