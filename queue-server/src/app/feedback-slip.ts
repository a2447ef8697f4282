import { feedbackSlipAddress, type FeedbackSlipData } from '@layso/printer-drivers';
import { formatFeedbackCode } from '@layso/protocol';
import type { Store } from '../db/store.js';
import type { Clock } from '../domain/types.js';
import { fail } from '../errors.js';
import { caseUrl } from './feedback.js';

/** How long after taking a case the kiosk may print (or reprint after a jam) its slip. */
export const SLIP_WINDOW_MS = 15 * 60_000;

/**
 * What the kiosk that took a case prints for it: the code, the dates and the page's address — nothing the citizen
 * wrote. Only that kiosk, and only within {@link SLIP_WINDOW_MS}: a code alone must not let any kiosk print anyone's
 * slip, so every other case is "not found", as an unknown code is.
 */
export function feedbackSlip(
  store: Store,
  clock: Clock,
  publicUrl: string,
  code: string,
  deviceId: number,
  /** Whether the center sends the citizen a text (ZNS or SMS on): the slip promises what the receipt promised. */
  messagesOn: boolean,
): Omit<FeedbackSlipData, 'centerName'> {
  const c = store.feedback.byCode(code);
  const age = c ? clock.now().getTime() - c.receivedAt.getTime() : Infinity;
  if (!c || c.deviceId !== deviceId || age < 0 || age > SLIP_WINDOW_MS) fail('LAYSO_FEEDBACK_NOT_FOUND');
  const shown = formatFeedbackCode(c.code);
  const url = caseUrl(publicUrl, c.code);
  return {
    code: shown,
    receivedAt: c.receivedAt,
    answerDueDay: c.answerDueDay,
    url,
    address: feedbackSlipAddress(url, shown),
    answerByNotice: c.phone !== null && messagesOn,
  };
}
