import { describe, expect, it } from 'vitest';
import { FEEDBACK_ORIGINS } from './feedback-input.js';
import {
  FEEDBACK_CHANNEL_LABELS,
  FEEDBACK_CLASS_LABELS,
  FEEDBACK_FORWARD_MEANS_LABELS,
  FEEDBACK_ORIGIN_LABELS,
  FEEDBACK_STATUS_LABELS,
  FEEDBACK_TOPIC_HINTS,
  FEEDBACK_TOPIC_LABELS,
  FEEDBACK_TOPICS,
  FEEDBACK_UNSET,
  feedbackRegisterFileName,
  type FeedbackWord,
} from './feedback-labels.js';
import { FeedbackChannel, FeedbackClass, FeedbackStatus, FeedbackTopic, ForwardMeans } from './feedback.js';

describe('feedback labels', () => {
  it('lists the topics of the protocol, no more, no fewer', () => {
    expect([...FEEDBACK_TOPICS]).toEqual(FeedbackTopic.options);
  });

  it('has a vi and en label, NFC, for every value of every enum', () => {
    const pairs: [readonly string[], Record<string, FeedbackWord>][] = [
      [FeedbackTopic.options, FEEDBACK_TOPIC_LABELS],
      [FeedbackTopic.options, FEEDBACK_TOPIC_HINTS],
      [FeedbackStatus.options, FEEDBACK_STATUS_LABELS],
      [FeedbackClass.options, FEEDBACK_CLASS_LABELS],
      [FeedbackChannel.options, FEEDBACK_CHANNEL_LABELS],
      [ForwardMeans.options, FEEDBACK_FORWARD_MEANS_LABELS],
      [FEEDBACK_ORIGINS, FEEDBACK_ORIGIN_LABELS],
      [Object.keys(FEEDBACK_UNSET), FEEDBACK_UNSET],
    ];
    for (const [values, labels] of pairs) {
      expect(Object.keys(labels).sort()).toEqual([...values].sort());
      for (const v of values) {
        expect(labels[v]?.vi.normalize('NFC')).toBe(labels[v]?.vi);
        expect(labels[v]?.vi).not.toBe('');
        expect(labels[v]?.en).not.toBe('');
      }
    }
  });

  it('names a case from a phone as online, not a phone call', () => {
    expect(FEEDBACK_CHANNEL_LABELS.phone).toEqual({ vi: 'Trực tuyến (mã QR)', en: 'Online (QR code)' });
  });

  it('names the register file the same way for the server and the download', () => {
    expect(feedbackRegisterFileName('2026-01-01', '2026-01-31')).toBe(
      'so-theo-doi-phan-anh-2026-01-01-2026-01-31.xlsx',
    );
  });
});
