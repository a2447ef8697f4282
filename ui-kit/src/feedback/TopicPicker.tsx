import type { FeedbackTopic } from '@layso/protocol';
import { Bi } from '../components.js';
import type { Bilingual } from '../i18n.js';
import { FEEDBACK_TOPIC_HINTS, FEEDBACK_TOPIC_LABELS, FEEDBACK_TOPICS } from './labels.js';

/**
 * The topics of a case as a radio group, Vietnamese first with English beneath and, when asked, the hint line
 * under each: the officer's console and the staff forms pick with it (the kiosk draws its own big tiles).
 */
export function FeedbackTopicPicker({
  value,
  onChange,
  legend,
  hints = false,
  name = 'feedback-topic',
}: {
  value: FeedbackTopic | null;
  onChange: (topic: FeedbackTopic) => void;
  legend: Bilingual;
  hints?: boolean;
  name?: string;
}) {
  return (
    <fieldset className="lk-topics" data-testid="feedback-topics">
      <legend>
        <Bi m={legend} single />
      </legend>
      {FEEDBACK_TOPICS.map((t) => (
        <label key={t} className={`lk-topic ${value === t ? 'lk-topic-on' : ''}`}>
          <input
            type="radio"
            name={name}
            value={t}
            checked={value === t}
            onChange={() => onChange(t)}
            data-testid={`feedback-topic-${t}`}
          />
          <span className="lk-topic-text">
            <Bi m={FEEDBACK_TOPIC_LABELS[t]} />
            {hints ? <small className="lk-topic-hint">{FEEDBACK_TOPIC_HINTS[t].vi}</small> : null}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
