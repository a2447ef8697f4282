import { useEffect, useRef, useState } from 'react';
import type { FeedbackTopic } from '@layso/protocol';
import { FEEDBACK_LIMITS } from '@layso/protocol/feedback-input';
import {
  Banner,
  Bi,
  Button,
  FEEDBACK_PERSONAL,
  FEEDBACK_TOPIC_HINTS,
  FEEDBACK_TOPIC_LABELS,
  FEEDBACK_TOPICS,
  feedbackLength,
  feedbackTextOk,
  format,
  Icon,
  type Bilingual,
  type FeedbackDraft,
} from '@layso/ui-kit';
import { Keyboard } from '../keyboard/Keyboard.js';
import { KeyboardField } from '../keyboard/KeyboardField.js';
import { Layout } from '../Layout.js';
import { fieldProblem } from '../screens/Intake.js';
import { F } from './messages.js';

interface Common {
  centerName: string;
  onHome: () => void;
}

/** The first tap after "Góp ý, phản ánh": what it is about, as big tiles with a line under each. */
export function TopicScreen({
  centerName,
  onHome,
  onTopic,
}: Common & { onTopic: (t: FeedbackTopic) => void }) {
  return (
    <Layout centerName={centerName} onBack={onHome} onHome={onHome} testId="feedback-topic">
      <h1 className="k-title">
        <Bi m={F.topicTitle} />
      </h1>
      <p className="k-hint">
        <Bi m={F.topicHint} />
      </p>
      <ul className="k-topics">
        {FEEDBACK_TOPICS.map((t) => (
          <li key={t}>
            <button
              type="button"
              className="k-topic"
              onClick={() => onTopic(t)}
              data-testid={`feedback-topic-${t}`}
            >
              <Bi m={FEEDBACK_TOPIC_LABELS[t]} className="k-topic-name" />
              <Bi m={FEEDBACK_TOPIC_HINTS[t]} className="k-topic-hint" />
            </button>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** The text, typed on the kiosk's Vietnamese keyboard (with digits and , . ?), the count against the limit. */
export function TextScreen({
  centerName,
  onHome,
  topic,
  text,
  onText,
  onBack,
  onNext,
}: Common & {
  topic: FeedbackTopic;
  text: string;
  onText: (t: string) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const box = useRef<HTMLTextAreaElement>(null);
  // The end of the text is where the citizen types: keep it in view as the text grows.
  useEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [text]);
  return (
    <Layout
      centerName={centerName}
      onBack={onBack}
      onHome={onHome}
      testId="feedback-text"
      footer={
        <>
          <Keyboard
            value={text}
            onChange={onText}
            mode="letters"
            text
            maxLength={FEEDBACK_LIMITS.textChars}
          />
          <div className="k-actions k-actions-keyboard">
            <Button size="large" disabled={!feedbackTextOk(text)} onClick={onNext} testId="feedback-next">
              <Bi m={F.next} />
            </Button>
          </div>
        </>
      }
    >
      <h1 className="k-title">
        <Bi m={F.textTitle} />
      </h1>
      <p className="k-feedback-topic">
        <Bi m={FEEDBACK_TOPIC_LABELS[topic]} single />
      </p>
      <p className="k-hint">
        <Bi m={F.textHint} />
      </p>
      <textarea
        ref={box}
        className="k-input k-feedback-box"
        value={text}
        readOnly
        inputMode="none"
        rows={5}
        aria-label={`${F.textTitle.vi} / ${F.textTitle.en}`}
        data-testid="feedback-input"
      />
      <p className="k-hint k-feedback-count" data-testid="feedback-count">
        <Bi m={format(F.textCount, { n: feedbackLength(text), max: FEEDBACK_LIMITS.textChars })} single />
      </p>
    </Layout>
  );
}

type Field = 'name' | 'phone';
const FIELDS: { field: Field; label: Bilingual; mode: 'letters' | 'digits'; max: number }[] = [
  { field: 'name', label: F.name, mode: 'letters', max: FEEDBACK_LIMITS.nameChars },
  { field: 'phone', label: F.phone, mode: 'digits', max: 10 },
];
const problemOf = (field: Field, value: string) =>
  fieldProblem(field === 'name' ? 'fullName' : 'phone', value);

/**
 * A name and phone, only with the consent first (Decree 13/2023: why — to send the answer; how long). Without
 * them the case goes anonymous, and the receipt says no answer can be sent.
 */
export function DetailsScreen({
  centerName,
  onHome,
  draft,
  busy,
  refusal,
  onChange,
  onBack,
  onSend,
}: Common & {
  draft: FeedbackDraft;
  busy: boolean;
  refusal: Bilingual | null;
  onChange: (d: FeedbackDraft) => void;
  onBack: () => void;
  onSend: () => void;
}) {
  const [active, setActive] = useState<Field>('name');
  const [tried, setTried] = useState(false);
  const spec = FIELDS.find((f) => f.field === active) ?? FIELDS[0];
  const problems = FIELDS.map((f) => problemOf(f.field, draft[f.field]));
  const personal = draft.consent && (draft.name.trim() !== '' || draft.phone !== '');
  const send = () => {
    setTried(true);
    if (draft.consent && problems.some(Boolean)) return;
    onSend();
  };
  return (
    <Layout
      centerName={centerName}
      onBack={onBack}
      onHome={onHome}
      testId="feedback-details"
      footer={
        <>
          {draft.consent && spec ? (
            <Keyboard
              key={spec.field}
              value={draft[spec.field]}
              onChange={(v) => onChange({ ...draft, [spec.field]: v })}
              mode={spec.mode}
              maxLength={spec.max}
              capitalize={spec.field === 'name'}
            />
          ) : null}
          <div className="k-actions k-actions-keyboard">
            <Button size="large" busy={busy} onClick={send} testId="feedback-send">
              <Icon name="chat" /> <Bi m={personal ? F.send : F.sendAnonymous} />
            </Button>
          </div>
        </>
      }
    >
      <h1 className="k-title">
        <Bi m={F.detailsTitle} />
      </h1>
      {refusal ? (
        <Banner tone="danger" title={F.refusedTitle} detail={refusal} testId="feedback-refusal" />
      ) : null}
      <div className="k-consent">
        <p>
          <Bi m={FEEDBACK_PERSONAL.consent} />
        </p>
        <Button
          variant={draft.consent ? 'primary' : 'secondary'}
          size="large"
          // Taking the consent back takes the details with it: nothing is sent without it.
          onClick={() =>
            onChange(
              draft.consent ? { ...draft, consent: false, name: '', phone: '' } : { ...draft, consent: true },
            )
          }
          testId="feedback-consent"
        >
          <Icon name={draft.consent ? 'checked' : 'unchecked'} /> <Bi m={F.consentAgree} />
        </Button>
      </div>
      <p className="k-hint">
        <Bi m={draft.consent ? FEEDBACK_PERSONAL.anonymous : F.consentNeeded} />
      </p>
      <div className="k-fields">
        {FIELDS.map((f, i) => {
          const problem = problems[i];
          const show = draft.consent && problem && (tried || (f.field !== active && draft[f.field]));
          return (
            <KeyboardField
              key={f.field}
              label={f.label}
              value={draft[f.field]}
              active={draft.consent && active === f.field}
              disabled={!draft.consent}
              error={show ? problem : null}
              onActivate={() => setActive(f.field)}
              testId={`feedback-${f.field}`}
            />
          );
        })}
      </div>
    </Layout>
  );
}
