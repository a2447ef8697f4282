import { describe, expect, it } from 'vitest';
import { KioskFeedbackBody, StaffFeedbackBody } from '@layso/protocol';
import { feedbackFields, feedbackTextOk } from './fields.js';

const draft = {
  topic: 'delay' as const,
  text: '  Chờ ha\u0300nh ti\u0300nh  ',
  name: ' Nguyễn Văn An ',
  phone: '0912345678',
  consent: true,
};

describe('feedbackFields', () => {
  it('sends the name and phone with the consent version, text in NFC and trimmed', () => {
    const body = feedbackFields(draft, 'v1');
    expect(body).toEqual({
      topic: 'delay',
      text: 'Chờ hành tình',
      name: 'Nguyễn Văn An',
      phone: '0912345678',
      consentVersion: 'v1',
    });
    expect(KioskFeedbackBody.safeParse(body).success).toBe(true);
  });

  it('is anonymous without the consent, even with the fields filled', () => {
    const body = feedbackFields({ ...draft, consent: false }, 'v1');
    expect(body).toEqual({ topic: 'delay', text: 'Chờ hành tình' });
    expect(StaffFeedbackBody.safeParse(body).success).toBe(true);
  });

  it('sends no consent version when nothing personal was given', () => {
    expect(feedbackFields({ ...draft, name: ' ', phone: '' }, 'v1')).toEqual({
      topic: 'delay',
      text: 'Chờ hành tình',
    });
  });

  it('accepts a text only when something is written within the limit', () => {
    expect(feedbackTextOk('  ')).toBe(false);
    expect(feedbackTextOk('a')).toBe(true);
    expect(feedbackTextOk('a'.repeat(2000))).toBe(true);
    expect(feedbackTextOk('a'.repeat(2001))).toBe(false);
  });
});
