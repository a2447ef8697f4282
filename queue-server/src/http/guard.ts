import type { DeviceKind, Role } from '@layso/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthService, Principal } from '../auth/service.js';
import type { CounterActor } from '../app/queue.js';
import { fail } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m?.[1];
}

export interface Allow {
  roles?: readonly Role[];
  devices?: readonly DeviceKind[];
}

/** An `onRequest` hook: runs before the body is read, so a stranger learns nothing from validation errors. */
export function guard(auth: AuthService, allow: Allow) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const p = auth.resolve(bearer(req));
    if (!p) fail('LAYSO_UNAUTHENTICATED');
    const allowed =
      (p.kind === 'user' && (allow.roles ?? []).includes(p.user.role)) ||
      (p.kind === 'device' && (allow.devices ?? []).includes(p.device.kind));
    if (!allowed) fail('LAYSO_FORBIDDEN');
    req.principal = p;
  };
}

/** The signed-in user behind a request, for the audit log; null for a device or nobody. */
export function userIdOf(req: FastifyRequest): number | null {
  return req.principal?.kind === 'user' ? req.principal.user.id : null;
}

/** The counter an officer is signed in at; only a user session seated at a counter may act there. */
export function actor(req: FastifyRequest, counterId?: number): CounterActor {
  const p = req.principal;
  if (p?.kind !== 'user') fail('LAYSO_FORBIDDEN');
  if (p.counterId === null) fail('LAYSO_WRONG_COUNTER');
  if (counterId !== undefined && counterId !== p.counterId) fail('LAYSO_WRONG_COUNTER');
  const seat = { counterId: p.counterId, officerId: p.user.id };
  return p.unstored ? { ...seat, unstored: p.unstored } : seat;
}
