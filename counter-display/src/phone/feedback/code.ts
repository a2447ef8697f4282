import { normalizeFeedbackCode } from '@layso/protocol/feedback-input';

/**
 * A case's code as the server spells it (`XXXX-XXXX`, or bare) → its 8 characters, for an address. Shown to people:
 * ui-kit's feedbackCodeShown.
 */
export const bareCode = (code: string): string => normalizeFeedbackCode(code) ?? code;
