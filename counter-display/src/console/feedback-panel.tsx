import { useEffect, useState } from 'react';
import { PHONE_PATTERN, type FeedbackOptions, type FeedbackReceipt, type Ticket } from '@layso/protocol';
import { FEEDBACK_LIMITS } from '@layso/protocol/feedback-input';
import {
  ApiError,
  Banner,
  Bi,
  Button,
  defineMessages,
  errorText,
  FEEDBACK_PERSONAL,
  feedbackCodeShown,
  feedbackNoNotice,
  FeedbackTopicPicker,
  feedbackFields,
  feedbackLength,
  feedbackTextOk,
  format,
  formatDate,
  type Api,
  type Bilingual,
  type FeedbackDraft,
} from '@layso/ui-kit';
import { Panel } from './panels.js';

export const FEEDBACK_TEXT = defineMessages({
  record: { vi: 'Ghi phản ánh', en: 'Record feedback' },
  title: { vi: 'Ghi phản ánh, kiến nghị của người dân', en: "Record a citizen's feedback" },
  forTicket: {
    vi: 'Gắn với số {number} và quầy này',
    en: 'Attached to ticket {number} and this counter',
  },
  forCounter: {
    vi: 'Gắn với quầy này (không có số đang phục vụ)',
    en: 'Attached to this counter (no ticket)',
  },
  topic: { vi: 'Nội dung về', en: 'About' },
  text: { vi: 'Nội dung người dân phản ánh', en: 'What the citizen says' },
  count: { vi: '{n}/{max} ký tự', en: '{n}/{max} characters' },
  consent: {
    vi: 'Người dân đồng ý để lại họ tên, số điện thoại',
    en: 'The citizen agrees to give a name and phone',
  },
  name: { vi: 'Họ và tên', en: 'Full name' },
  phone: { vi: 'Số điện thoại', en: 'Phone number' },
  save: { vi: 'Ghi nhận', en: 'Record' },
  needTopic: { vi: 'Chọn nội dung phản ánh', en: 'Choose what it is about' },
  needText: { vi: 'Ghi nội dung phản ánh', en: 'Write what the citizen says' },
  recorded: { vi: 'Đã ghi nhận phản ánh', en: 'Feedback recorded' },
  readOut: {
    vi: 'Đọc mã này cho người dân hoặc ghi ra giấy: tra cứu tại {url}',
    en: 'Read this code to the citizen or write it down: look it up at {url}',
  },
  due: { vi: 'Hạn trả lời: {day}', en: 'Answer due by: {day}' },
  byNotice: {
    vi: 'Câu trả lời sẽ được nhắn tin tới người dân.',
    en: 'The answer will be texted to the citizen.',
  },
  close: { vi: 'Đóng', en: 'Close' },
});
const T = FEEDBACK_TEXT;

const EMPTY: Omit<FeedbackDraft, 'topic'> = { text: '', name: '', phone: '', consent: false };

/**
 * "Ghi phản ánh": the officer records what a citizen says at the counter (topic, text, a name and phone only with
 * the citizen's consent), attached to the ticket being served and this counter; then the code to read out.
 */
export function FeedbackPanel({
  api,
  counterId,
  ticket,
  options,
  onClose,
}: {
  api: Api;
  counterId: number;
  ticket: Ticket | null;
  options: FeedbackOptions;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState<Omit<FeedbackDraft, 'topic'> & { topic: FeedbackDraft['topic'] | null }>(
    {
      ...EMPTY,
      topic: null,
    },
  );
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Bilingual | null>(null);
  const [receipt, setReceipt] = useState<{ receipt: FeedbackReceipt; phoneGiven: boolean } | null>(null);
  // The ticket it was recorded for: the one at the counter when the panel opened.
  const [ticketId] = useState(ticket?.id ?? null);
  const set = (p: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...p }));
  const phoneProblem =
    draft.consent && draft.phone && !PHONE_PATTERN.test(draft.phone) ? FEEDBACK_PERSONAL.phoneFormat : null;

  const save = async () => {
    setTried(true);
    const topic = draft.topic;
    if (!topic || !feedbackTextOk(draft.text) || phoneProblem) return;
    setBusy(true);
    setError(null);
    try {
      const fields = feedbackFields({ ...draft, topic }, options.consentVersion);
      const taken = await api.call('staffFeedback', { body: { ...fields, ticketId, counterId } });
      setReceipt({ receipt: taken, phoneGiven: fields.phone !== undefined });
      setDraft({ ...EMPTY, topic: null });
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError('LAYSO_NETWORK', '', 0);
      setError(errorText(err.code, err.message));
    } finally {
      setBusy(false);
    }
  };

  if (receipt) return <Recorded {...receipt} onClose={onClose} />;
  return (
    <Panel
      title={T.title}
      onCancel={onClose}
      onSubmit={() => void save()}
      submit={T.save}
      busy={busy}
      error={error}
      testId="feedback"
    >
      <p className="cs-feedback-for">
        <Bi m={ticket ? format(T.forTicket, { number: ticket.number }) : T.forCounter} single />
      </p>
      <FeedbackTopicPicker value={draft.topic} onChange={(topic) => set({ topic })} legend={T.topic} />
      {tried && !draft.topic ? <small className="cs-feedback-problem">{T.needTopic.vi}</small> : null}
      <label className="lk-field">
        <Bi m={T.text} single />
        <textarea
          name="feedbackText"
          rows={4}
          maxLength={FEEDBACK_LIMITS.textChars}
          value={draft.text}
          onChange={(e) => set({ text: e.target.value })}
          aria-invalid={tried && !feedbackTextOk(draft.text) ? true : undefined}
          data-testid="feedback-text"
        />
        <small>
          {format(T.count, { n: feedbackLength(draft.text), max: FEEDBACK_LIMITS.textChars }).vi}
          {tried && !feedbackTextOk(draft.text) ? ` — ${T.needText.vi}` : ''}
        </small>
      </label>
      <label className="cs-check">
        <input
          type="checkbox"
          name="feedbackConsent"
          checked={draft.consent}
          // Consent taken back takes the details with it: nothing personal is sent without it.
          onChange={(e) =>
            set(e.target.checked ? { consent: true } : { consent: false, name: '', phone: '' })
          }
          data-testid="feedback-consent"
        />
        <span>
          <Bi m={T.consent} single />
          <small className="cs-feedback-consent">{FEEDBACK_PERSONAL.consent.vi}</small>
        </span>
      </label>
      <div className="cs-return-person">
        <label className="lk-field">
          <Bi m={T.name} single />
          <input
            name="feedbackName"
            maxLength={FEEDBACK_LIMITS.nameChars}
            value={draft.name}
            disabled={!draft.consent}
            onChange={(e) => set({ name: e.target.value })}
            data-testid="feedback-name"
          />
        </label>
        <label className="lk-field">
          <Bi m={T.phone} single />
          <input
            name="feedbackPhone"
            inputMode="tel"
            maxLength={12}
            value={draft.phone}
            disabled={!draft.consent}
            onChange={(e) => set({ phone: e.target.value.trim() })}
            aria-invalid={phoneProblem && tried ? true : undefined}
            data-testid="feedback-phone"
          />
          {phoneProblem && tried ? <small>{phoneProblem.vi}</small> : null}
        </label>
      </div>
    </Panel>
  );
}

/** The code, big enough to read out across the counter, and whether the answer will reach the citizen. */
function Recorded({
  receipt,
  phoneGiven,
  onClose,
}: {
  receipt: FeedbackReceipt;
  phoneGiven: boolean;
  onClose: () => void;
}) {
  return (
    <section className="cs-panel" data-testid="feedback-recorded" role="status">
      <h2>
        <Bi m={T.recorded} single />
      </h2>
      <div className="cs-receipt-code cs-feedback-code" data-testid="feedback-code">
        {feedbackCodeShown(receipt.code)}
      </div>
      <p className="cs-feedback-line">
        <Bi m={format(T.readOut, { url: receipt.url })} single />
      </p>
      <p className="cs-feedback-line" data-testid="feedback-due">
        <Bi m={format(T.due, { day: formatDate(receipt.answerDueDay) })} single />
      </p>
      {receipt.answerByNotice ? (
        <Banner tone="info" title={T.byNotice} />
      ) : (
        <Banner tone="warning" title={feedbackNoNotice(phoneGiven)} testId="feedback-no-notice" />
      )}
      <div className="cs-panel-foot">
        <Button onClick={onClose} testId="feedback-close">
          <Bi m={T.close} single />
        </Button>
      </div>
    </section>
  );
}

/** Whether the center takes feedback and the consent text's version: asked once the console is online. */
export function useFeedbackOptions(api: Api, online: boolean): FeedbackOptions | null {
  const [options, setOptions] = useState<FeedbackOptions | null>(null);
  useEffect(() => {
    if (!online) return;
    let live = true;
    api.call('feedbackOptions', { query: {} }).then(
      (o) => live && setOptions(o),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, online]);
  return options;
}
