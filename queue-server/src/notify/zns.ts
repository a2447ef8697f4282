/**
 * Zalo ZNS adapter (issue 19): one attempt to send a notice as an approved template message. `POST
 * <url>/message/template` with header `access_token` and `{phone: "84…", template_id, template_data,
 * tracking_id}` (the notice's key, so Zalo's report ties back to it). Zalo answers HTTP 200 with `{error, message,
 * data}`; `error: 0` is sent. The template and its values are checked first (fixed parameters, no link or phone
 * number in a value, ≤ 400 characters), so a refused message is never paid for.
 */
import { NOTICE_LIMITS } from '@layso/protocol';
import { z } from 'zod';
import { internationalPhone, type NoticeAdapter, type ProviderConfig, type SendResult } from './adapter.js';
import { isAnswer, postJson } from './http-attempt.js';
import { templateProblem } from './template.js';

/**
 * Zalo's answer codes that mean something to us, one table for the adapter and the stand-in. -100 … -112 are read
 * from zalo.cloud's ZNS error table; -118 (no Zalo account), -124 (access token) and -144 (daily quota) are taken
 * from integrators' notes and not yet checked against the live API — correct them here if Zalo answers otherwise.
 */
export const ZNS_ERRORS = {
  ok: 0,
  unknown: -100,
  badPhone: -108,
  badTemplate: -109,
  emptyData: -111,
  badData: -112,
  noZalo: -118,
  badToken: -124,
  quota: -144,
} as const;

const Reply = z.object({ error: z.number(), message: z.string().optional() });

/** Zalo allows 48 characters of tracking id; our keys are shorter, a longer one is cut (it stays unique per day). */
const TRACKING_MAX = 48;

/** What a Zalo error code means for this notice. */
export function classifyZnsError(code: number): SendResult {
  const reason = `ZNS ${code}`;
  switch (code) {
    case 0:
      return 'sent';
    case ZNS_ERRORS.noZalo:
      return { dead: 'no_zalo', reason: `${reason}: no Zalo account` };
    case ZNS_ERRORS.quota:
      return { dead: 'quota', reason: `${reason}: daily quota spent` };
    case ZNS_ERRORS.badTemplate:
    case ZNS_ERRORS.emptyData:
    case ZNS_ERRORS.badData:
      return { dead: 'template', reason: `${reason}: template refused` };
    case ZNS_ERRORS.badPhone:
      return { dead: 'rejected', reason: `${reason}: phone number refused` };
    // A wrong token is the center's configuration, not the notice's fault: keep it until the admin fixes it
    // (or it goes stale); the provider's health shows the failure meanwhile.
    case ZNS_ERRORS.badToken:
      return { retry: `${reason}: access token refused` };
    case ZNS_ERRORS.unknown:
      return { retry: `${reason}: unknown error` };
    default:
      return { dead: 'rejected', reason };
  }
}

export function znsAdapter(config: ProviderConfig, fetchImpl: typeof fetch = fetch): NoticeAdapter {
  const endpoint = `${config.url.replace(/\/+$/, '')}/message/template`;
  return {
    channel: 'zns',
    async send(notice, signal) {
      if (notice.recipient.kind !== 'phone') return { dead: 'rejected', reason: 'ZNS needs a phone number' };
      if (notice.template.templateId === '') return { dead: 'template', reason: 'no ZNS template id' };
      const problem = templateProblem(notice.template, notice.params, NOTICE_LIMITS.zns);
      if (problem) return { dead: 'template', reason: problem };
      const attempt = await postJson(
        endpoint,
        config.credential === null ? {} : { access_token: config.credential },
        {
          phone: internationalPhone(notice.recipient.phone),
          template_id: notice.template.templateId,
          template_data: notice.params,
          tracking_id: notice.key.slice(0, TRACKING_MAX),
        },
        config.timeoutMs,
        signal,
        fetchImpl,
      );
      if (!isAnswer(attempt)) return attempt;
      const reply = Reply.safeParse(attempt.json);
      if (attempt.status < 200 || attempt.status >= 300) {
        return { dead: 'rejected', reason: `HTTP ${attempt.status}` };
      }
      if (!reply.success) return { retry: 'ZNS answer is not Zalo JSON' };
      return classifyZnsError(reply.data.error);
    },
  };
}
