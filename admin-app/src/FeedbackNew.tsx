import { useState } from 'react';
import { FEEDBACK_LIMITS, normalizeFeedbackCode, PHONE_PATTERN, type FeedbackReceipt } from '@layso/protocol';
import {
  Banner,
  Bi,
  Button,
  FEEDBACK_PERSONAL,
  feedbackCodeShown,
  feedbackFields,
  feedbackLength,
  feedbackNoNotice,
  feedbackTextOk,
  FeedbackTopicPicker,
  format,
  formatDate,
  QrCode,
  type Bilingual,
  type FeedbackDraft,
} from '@layso/ui-kit';
import { useAdmin } from './context.js';
import { staffOptions, useDirectory } from './feedback-directory.js';
import { F } from './feedback-messages.js';
import { caseHash } from './feedback-view.js';
import { Field, Problem, useAction, useLoad } from './parts.js';

/** Every form's draft (ui-kit's: topic, text, name, phone, consent), with no topic picked yet, plus the desk's own. */
interface Draft extends Omit<FeedbackDraft, 'topic'> {
  topic: FeedbackDraft['topic'] | null;
  dossierCode: string;
  serviceId: number | null;
  officerId: number | null;
}
const EMPTY: Draft = {
  topic: null,
  text: '',
  name: '',
  phone: '',
  consent: false,
  dossierCode: '',
  serviceId: null,
  officerId: null,
};
const orNull = (s: string) => (s.trim() ? s.trim() : null);

/** What stops the draft being sent, first thing first; null when it can go. */
function draftProblem(d: Draft): Bilingual | null {
  if (!d.topic) return F.needTopic;
  if (!feedbackTextOk(d.text)) return F.needText;
  if (d.phone.trim() && !PHONE_PATTERN.test(d.phone.trim())) return FEEDBACK_PERSONAL.phoneFormat;
  // A name or phone typed without the citizen's consent is not dropped silently: the desk asks first.
  if ((d.name.trim() || d.phone.trim()) && !d.consent) return F.needConsent;
  return null;
}

/**
 * "Ghi nhận phản ánh": the help desk (or a supervisor) records what a citizen says in person — topic, text, an
 * optional name and phone with the citizen's consent, the department and officer concerned — and gets the code
 * to give the citizen, with the page's QR.
 */
export function FeedbackNew() {
  const { api } = useAdmin();
  const dir = useDirectory(api);
  // The consent's version the server keeps with the case (the same text the kiosk and phone show).
  const options = useLoad(() => api.feedbackOptions(), [api]);
  const [d, setD] = useState<Draft>(EMPTY);
  const [problem, setProblem] = useState<Bilingual | null>(null);
  const [receipt, setReceipt] = useState<{ receipt: FeedbackReceipt; phoneGiven: boolean } | null>(null);
  const save = useAction();
  const set = (patch: Partial<Draft>) => {
    setProblem(null);
    setD({ ...d, ...patch });
  };
  const personal = Boolean(d.name.trim() || d.phone.trim());

  if (receipt) {
    const another = () => {
      setReceipt(null);
      setD(EMPTY);
    };
    return <Receipt {...receipt} onAnother={another} />;
  }

  const submit = () => {
    const stop = draftProblem(d);
    setProblem(stop);
    if (stop || !d.topic) return;
    const fields = feedbackFields({ ...d, topic: d.topic }, options.data?.consentVersion ?? '');
    void save
      .run(() =>
        api.recordFeedback({
          ...fields,
          dossierCode: orNull(d.dossierCode),
          serviceId: d.serviceId,
          officerId: d.officerId,
        }),
      )
      .then((r) => r && setReceipt({ receipt: r, phoneGiven: fields.phone !== undefined }));
  };
  return (
    <form
      className="ad-card fb-new"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      data-testid="feedback-new"
    >
      <h2>
        <Bi m={F.newTitle} single />
      </h2>
      <p className="ad-intro">{F.newIntro.vi}</p>
      <FeedbackTopicPicker value={d.topic} onChange={(topic) => set({ topic })} legend={F.topic} hints />
      <Field
        label={F.text}
        hint={format(F.chars, { n: feedbackLength(d.text), max: FEEDBACK_LIMITS.textChars })}
      >
        <textarea
          name="text"
          rows={6}
          maxLength={FEEDBACK_LIMITS.textChars}
          value={d.text}
          onChange={(e) => set({ text: e.target.value })}
        />
      </Field>
      <div className="ad-form-grid">
        <Field label={F.name} hint={FEEDBACK_PERSONAL.anonymous}>
          <input
            name="name"
            maxLength={FEEDBACK_LIMITS.nameChars}
            autoComplete="off"
            value={d.name}
            onChange={(e) => set({ name: e.target.value })}
          />
        </Field>
        <Field label={F.phone} hint={FEEDBACK_PERSONAL.phoneFormat}>
          <input
            name="phone"
            type="tel"
            inputMode="tel"
            autoComplete="off"
            maxLength={15}
            value={d.phone}
            onChange={(e) => set({ phone: e.target.value })}
          />
        </Field>
        <Field label={F.dossier}>
          <input
            name="dossierCode"
            maxLength={40}
            value={d.dossierCode}
            onChange={(e) => set({ dossierCode: e.target.value })}
          />
        </Field>
      </div>
      {personal ? (
        <label className="ad-check fb-consent">
          <input
            type="checkbox"
            name="consent"
            checked={d.consent}
            onChange={(e) => set({ consent: e.target.checked })}
            data-testid="feedback-new-consent"
          />
          <Bi m={F.consentStaff} single />
        </label>
      ) : null}
      <div className="ad-form-grid">
        <Field label={F.service}>
          <select
            name="serviceId"
            value={d.serviceId ?? ''}
            onChange={(e) => set({ serviceId: e.target.value ? Number(e.target.value) : null })}
          >
            <option value="">{F.noneSelected.vi}</option>
            {(dir.data?.services ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </Field>
        {dir.data ? (
          <Field label={F.officer}>
            <select
              name="officerId"
              value={d.officerId ?? ''}
              onChange={(e) => set({ officerId: e.target.value ? Number(e.target.value) : null })}
            >
              <option value="">{F.noneSelected.vi}</option>
              {staffOptions(dir.data.users, []).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
      </div>
      {problem ? <Banner tone="danger" title={problem} testId="feedback-new-problem" /> : null}
      <Problem error={save.error ?? options.error} />
      <div className="ad-dialog-actions">
        <Button type="submit" busy={save.busy} testId="feedback-new-send">
          <Bi m={F.send} single />
        </Button>
      </div>
    </form>
  );
}

function Receipt({
  receipt,
  phoneGiven,
  onAnother,
}: {
  receipt: FeedbackReceipt;
  phoneGiven: boolean;
  onAnother: () => void;
}) {
  const { api } = useAdmin();
  const open = useAction();
  const code = feedbackCodeShown(receipt.code);
  return (
    <section className="ad-card fb-receipt" data-testid="feedback-receipt">
      <h2>
        <Bi m={F.receiptTitle} single />
      </h2>
      <p className="fb-receipt-code" data-testid="feedback-receipt-code">
        {format(F.receiptCode, { code }).vi}
      </p>
      <QrCode
        src={`data:image/svg+xml;utf8,${encodeURIComponent(receipt.qrSvg)}`}
        size={180}
        label={receipt.url}
      />
      <p>
        <a href={receipt.url} target="_blank" rel="noreferrer">
          {receipt.url}
        </a>
      </p>
      <p>{format(F.receiptDue, { day: formatDate(receipt.answerDueDay) }).vi}</p>
      {receipt.answerByNotice ? null : (
        <Banner tone="warning" title={feedbackNoNotice(phoneGiven)} testId="feedback-no-notice" />
      )}
      <Problem error={open.error} />
      <div className="ad-dialog-actions">
        <Button
          variant="secondary"
          busy={open.busy}
          testId="feedback-receipt-open"
          onClick={() =>
            void open
              .run(() => api.feedbackCases({ q: normalizeFeedbackCode(receipt.code) ?? receipt.code }))
              .then((l) => {
                const found = l?.cases.find((c) => feedbackCodeShown(c.code) === code);
                if (found) location.hash = caseHash(found.id);
              })
          }
        >
          <Bi m={F.openCase} single />
        </Button>
        <Button onClick={onAnother} testId="feedback-receipt-another">
          <Bi m={F.another} single />
        </Button>
      </div>
    </section>
  );
}
