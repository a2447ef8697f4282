/**
 * The province's side of the dossier register (issue 18): a status pushed to `POST /api/provincial/status`,
 * taken only with a valid signature inside the 5-minute window (sync/push-signature.ts). A refused push stores
 * nothing and is logged with the reason only — never its body, which names a dossier the center may not hold.
 */
import { ENDPOINTS } from '@layso/protocol';
import type { Context } from '../context.js';
import { fail } from '../errors.js';
import { PushVerifier, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../sync/push-signature.js';
import type { SomeHandlers } from './endpoint.js';
import { applyDossierStatus } from '../notify/planner.js';

export function provincialHandlers(ctx: Context) {
  const secret = ctx.config.PROVINCIAL_PUSH_SECRET;
  const verifier = secret ? new PushVerifier(secret) : null;
  return {
    provincialStatusPush: async (req) => {
      if (!verifier) fail('LAYSO_PUSH_DISABLED');
      const raw = req.rawBody ?? Buffer.alloc(0);
      const verdict = verifier.verify(
        { timestamp: req.headers[TIMESTAMP_HEADER], signature: req.headers[SIGNATURE_HEADER] },
        raw,
        ctx.clock.now().getTime(),
      );
      if (!verdict.ok) {
        req.log.warn(
          { code: verdict.code, reason: verdict.reason, ip: req.ip, bytes: raw.length },
          'provincial status push refused',
        );
        fail(verdict.code);
      }
      // Signed by the province: now its content is read (the route left the schema to this point).
      const parsed = ENDPOINTS.provincialStatusPush.body.safeParse(req.body);
      if (!parsed.success) {
        fail(
          'LAYSO_VALIDATION',
          parsed.error.issues.map((i) => ({
            where: 'body',
            path: `/${i.path.join('/')}`,
            message: i.message,
          })),
        );
      }
      const status = parsed.data;
      // The same signed push again (the province retrying a lost answer, or a replay): taken once only. The
      // signature counts as seen only once the status is stored: a failed store lets the province's retry in.
      if (!verdict.replayed) {
        ctx.store.transaction(() =>
          applyDossierStatus(ctx.store, ctx.notices.planner, status, 'push', ctx.clock.now()),
        );
        verifier.commit(verdict.seal, ctx.clock.now().getTime());
        ctx.notices.dispatcher.wake();
      }
      return { MaHoSo: status.MaHoSo, applied: !verdict.replayed };
    },
  } satisfies SomeHandlers;
}
