import { requireKnownConsent } from '../app/consent.js';
import type { Context } from '../context.js';
import type { SomeHandlers } from './endpoint.js';

/** The phone page's notices (issue 19): the VAPID key, a push subscription to a ticket and its removal. */
export const noticeHandlers = (ctx: Context) =>
  ({
    pushKey: async () => ctx.notices.publicKey(),
    pushSubscribe: async (req) => {
      requireKnownConsent(req.body.consentVersion);
      ctx.phoneLimit.take(req.ip, req.params.code);
      return ctx.notices.subscribe(req.params.code, req.body, ctx.queue.aheadOf);
    },
    pushUnsubscribe: async (req) => {
      ctx.phoneLimit.take(req.ip, req.params.code);
      return ctx.notices.unsubscribe(req.params.code, req.body.endpoint);
    },
  }) satisfies SomeHandlers;
