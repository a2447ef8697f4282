import { formatFeedbackCode, normalizeFeedbackCode } from '@layso/protocol/feedback-input';

/** A case's code as the server spells it (`XXXX-XXXX`, or bare) → its 8 characters, for an address. */
export const bareCode = (code: string): string => normalizeFeedbackCode(code) ?? code;

/** A case's code as the citizen reads it, `XXXX-XXXX`, whichever spelling the server sent. */
export const shownCode = (code: string): string => formatFeedbackCode(bareCode(code));
