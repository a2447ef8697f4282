import { describe, expect, it } from 'vitest';
import { FeedbackChannel, FeedbackClass, FeedbackStatus, FeedbackTopic, ForwardMeans } from '@layso/protocol';
import {
  FEEDBACK_CHANNEL_LABELS,
  FEEDBACK_CLASS_LABELS,
  FEEDBACK_FORWARD_MEANS_LABELS,
  FEEDBACK_STATUS_LABELS,
  FEEDBACK_TOPIC_HINTS,
  FEEDBACK_TOPIC_LABELS,
  FEEDBACK_TOPICS,
} from './labels.js';

describe('feedback labels', () => {
  it('lists the topics of the protocol, no more, no fewer', () => {
    expect([...FEEDBACK_TOPICS]).toEqual(FeedbackTopic.options);
  });

  it('has a vi and en label for every value of every enum', () => {
    const pairs: [readonly string[], Record<string, { vi: string; en: string }>][] = [
      [FeedbackTopic.options, FEEDBACK_TOPIC_LABELS],
      [FeedbackTopic.options, FEEDBACK_TOPIC_HINTS],
      [FeedbackStatus.options, FEEDBACK_STATUS_LABELS],
      [FeedbackClass.options, FEEDBACK_CLASS_LABELS],
      [FeedbackChannel.options, FEEDBACK_CHANNEL_LABELS],
      [ForwardMeans.options, FEEDBACK_FORWARD_MEANS_LABELS],
    ];
    for (const [values, labels] of pairs) {
      expect(Object.keys(labels).sort()).toEqual([...values].sort());
      for (const v of values) expect(labels[v]?.vi.normalize('NFC')).toBe(labels[v]?.vi);
    }
  });
});
