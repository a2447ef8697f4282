/**
 * SMS brandname adapter (issue 19): one attempt through the gateway, `POST <url>/send` with `Authorization: Bearer
 * <api key>` and `{to: "84…", brandname, text, requestId}` (the notice's key: a gateway that dedupes on it sends one
 * SMS per notice even when our retry crosses its reply). The text is checked first: the template's fixed
 * parameters, no link or phone number, and at most NOTICE_LIMITS.smsParts parts as carriers count them.
 */
import { NOTICE_LIMITS } from '@layso/protocol';
import { z } from 'zod';
import { internationalPhone, type NoticeAdapter, type ProviderConfig } from './adapter.js';
import { isAnswer, postJson } from './http-attempt.js';
import { templateProblem } from './template.js';

/** GSM 03.38 basic set (escape-table characters count double; rare in notices, so they count as Unicode here). */
const GSM7 = /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà]*$/;

/**
 * How many SMS parts a text takes: 160 characters in GSM-7 (153 a part once split), 70 (67) when it needs Unicode —
 * Vietnamese with its diacritics does, so a Vietnamese notice has 70 characters a part.
 */
export function smsParts(text: string): number {
  const length = [...text].length;
  const [single, split] = GSM7.test(text) ? [160, 153] : [70, 67];
  return length <= single ? 1 : Math.ceil(length / split);
}

const Reply = z.object({ code: z.string(), message: z.string().optional() });

export function smsAdapter(config: ProviderConfig, fetchImpl: typeof fetch = fetch): NoticeAdapter {
  const endpoint = `${config.url.replace(/\/+$/, '')}/send`;
  return {
    channel: 'sms',
    async send(notice, signal) {
      if (notice.recipient.kind !== 'phone') return { dead: 'rejected', reason: 'SMS needs a phone number' };
      // Without a registered sender name the gateway refuses everything: the center's setting, kept for a fix.
      if (!config.sender) return { retry: 'no SMS brandname set' };
      const problem = templateProblem(
        notice.template,
        notice.params,
        NOTICE_LIMITS.sms * NOTICE_LIMITS.smsParts,
      );
      if (problem) return { dead: 'template', reason: problem };
      const parts = smsParts(notice.text);
      if (parts > NOTICE_LIMITS.smsParts) {
        return { dead: 'template', reason: `text takes ${parts} SMS parts, over ${NOTICE_LIMITS.smsParts}` };
      }
      const attempt = await postJson(
        endpoint,
        config.credential === null ? {} : { authorization: `Bearer ${config.credential}` },
        {
          to: internationalPhone(notice.recipient.phone),
          brandname: config.sender,
          text: notice.text,
          requestId: notice.key,
        },
        config.timeoutMs,
        signal,
        fetchImpl,
      );
      if (!isAnswer(attempt)) return attempt;
      const reply = Reply.safeParse(attempt.json);
      const code = reply.success ? reply.data.code : null;
      if (attempt.status >= 200 && attempt.status < 300) {
        return code === '00' ? 'sent' : { retry: `SMS gateway answered code ${code ?? '(none)'}` };
      }
      // 401/403: the key is the center's configuration — kept for a fix, the health shows it meanwhile.
      if (attempt.status === 401 || attempt.status === 403)
        return { retry: `SMS HTTP ${attempt.status}: key refused` };
      if (code === '11') return { retry: 'SMS brandname not registered' };
      if (code === '13' || code === '14') return { dead: 'template', reason: `SMS ${code}: text refused` };
      return { dead: 'rejected', reason: `SMS HTTP ${attempt.status}${code ? ` code ${code}` : ''}` };
    },
  };
}
