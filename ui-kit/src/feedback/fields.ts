import type { FeedbackTopic } from '@layso/protocol';
import { FEEDBACK_LIMITS } from '@layso/protocol/feedback-input';

// What every form of a case sends (kiosk, officer's console, phone): zod-free, so the phone's lean build may use it.

/** A case as typed: the topic, the text, and a name and phone given only with the consent ticked. */
export interface FeedbackDraft {
  topic: FeedbackTopic;
  text: string;
  name: string;
  phone: string;
  consent: boolean;
}

/** The fields of a case's body that every channel shares. */
export interface FeedbackFields {
  topic: FeedbackTopic;
  text: string;
  name?: string;
  phone?: string;
  consentVersion?: string;
}

/** Characters of a text as the server counts them: NFC, trimmed. */
export const feedbackLength = (text: string): number => text.normalize('NFC').trim().length;

/** Whether the text can be sent: something written, within the limit. */
export const feedbackTextOk = (text: string): boolean => {
  const n = feedbackLength(text);
  return n > 0 && n <= FEEDBACK_LIMITS.textChars;
};

/**
 * The body's shared fields: text and name in NFC and trimmed; a name or phone only when the citizen agreed (and
 * then with the version of the consent text shown); without them the case is anonymous and no answer can be sent.
 */
export function feedbackFields(d: FeedbackDraft, consentVersion: string): FeedbackFields {
  const out: FeedbackFields = { topic: d.topic, text: d.text.normalize('NFC').trim() };
  if (!d.consent) return out;
  const name = d.name.normalize('NFC').trim();
  const phone = d.phone.trim();
  if (name) out.name = name;
  if (phone) out.phone = phone;
  if (name || phone) out.consentVersion = consentVersion;
  return out;
}
