import { useEffect, useState } from 'react';
import type { FeedbackOptions, FeedbackReceipt, FeedbackTopic, PublicFeedbackBody } from '@layso/protocol';
import { PHONE_PATTERN } from '@layso/protocol/booking-input';
import { FEEDBACK_LIMITS, type FeedbackOrigin } from '@layso/protocol/feedback-input';
import { Banner, Bi, Button } from '@layso/ui-kit/components';
import { feedbackFields, feedbackLength } from '@layso/ui-kit/feedback/fields';
import { FEEDBACK_PERSONAL } from '@layso/ui-kit/feedback/labels';
import { FeedbackTopicPicker } from '@layso/ui-kit/feedback/topic-picker';
import { format, type Bilingual } from '@layso/ui-kit/i18n';
import { phoneApi } from '../api.js';
import { attempt } from '../booking/attempt.js';
import { NumberField } from '../booking/Identity.js';
import { phoneDigits } from '../booking/words.js';
import { Attachments } from './Attachments.js';
import type { Attachment } from './files.js';
import { FeedbackShell } from './FeedbackShell.js';
import { Receipt } from './Receipt.js';
import { F } from './texts.js';

type Options =
  { state: 'loading' } | { state: 'ready'; value: FeedbackOptions } | { state: 'failed'; error: Bilingual };

/** "Về số 1005 — Sở Tư pháp — Quầy 3": the ticket the form is about (no personal data). */
function aboutWords(t: NonNullable<FeedbackOptions['ticket']>): Bilingual {
  const m = format(F.about, { number: t.number, service: t.serviceName });
  const counter = t.counterName ? ` — ${t.counterName}` : '';
  return { vi: m.vi + counter, en: m.en + counter };
}

/** What the form has, as the endpoint takes it: every form's shared fields (ui-kit), then the phone's own. */
function bodyOf(
  f: { topic: FeedbackTopic; text: string; dossier: string; name: string; phone: string; consent: boolean },
  files: Attachment[],
  ctx: { consentVersion: string; ticketCode: string | null; origin: FeedbackOrigin | null },
): PublicFeedbackBody {
  const dossier = f.dossier.trim();
  return {
    ...feedbackFields(f, ctx.consentVersion),
    ...(dossier ? { dossierCode: dossier } : {}),
    ...(ctx.ticketCode ? { ticketCode: ctx.ticketCode } : {}),
    ...(ctx.origin ? { origin: ctx.origin } : {}),
    files: files.map((a) => ({ type: a.type, data: a.data })),
  };
}

/**
 * The feedback form (`/pa`; from a ticket's page `?t=<code>&from=ticket`, the counter-top after "Không hài lòng"
 * `&from=rating`, a poster `?from=poster`): the topic, the text with its count, an optional dossier code, an optional
 * name and phone with the consent (Decree 13), up to 3 photos or PDFs checked and shrunk on the phone; then the
 * receipt with the case's code, its page and the answer's due day. A refusal keeps everything typed.
 */
export function FeedbackForm({
  ticketCode,
  origin,
}: {
  ticketCode: string | null;
  origin: FeedbackOrigin | null;
}) {
  const [options, setOptions] = useState<Options>({ state: 'loading' });
  const [topic, setTopic] = useState<FeedbackTopic | null>(null);
  const [text, setText] = useState('');
  const [dossier, setDossier] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [consent, setConsent] = useState(false);
  const [files, setFiles] = useState<Attachment[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Bilingual | null>(null);
  const [receipt, setReceipt] = useState<{ receipt: FeedbackReceipt; phoneGiven: boolean } | null>(null);

  useEffect(() => {
    const query = ticketCode ? { t: ticketCode } : {};
    void attempt(phoneApi.callPath('feedbackOptions', { query })).then((r) =>
      setOptions(r.ok ? { state: 'ready', value: r.value } : { state: 'failed', error: r.error }),
    );
  }, [ticketCode]);
  useEffect(() => window.scrollTo(0, 0), [receipt]);
  // What was pointed out goes once the citizen changes what it was about.
  useEffect(() => setError(null), [topic, text, name, phone, consent]);

  const center = options.state === 'ready' ? options.value.centerName : '';
  if (options.state === 'loading')
    return <FeedbackShell center="">{<p className="ph-muted">{F.loading.vi}</p>}</FeedbackShell>;
  if (options.state === 'failed')
    return (
      <FeedbackShell center="">
        <Banner tone="danger" title={options.error} testId="fb-error" />
      </FeedbackShell>
    );
  const o = options.value;
  if (!o.enabled)
    return (
      <FeedbackShell center={center}>
        <Banner tone="warning" title={F.off} testId="fb-off" />
      </FeedbackShell>
    );
  if (receipt)
    return (
      <FeedbackShell center={center}>
        <Receipt {...receipt} />
      </FeedbackShell>
    );

  const chars = feedbackLength(text);
  const phoneOk = phone === '' || PHONE_PATTERN.test(phone);
  const personal = name.trim() !== '' || phone !== '';
  const send = async () => {
    const problem = !topic
      ? F.needTopic
      : text.trim() === ''
        ? F.needText
        : !phoneOk
          ? FEEDBACK_PERSONAL.phoneFormat
          : personal && !consent
            ? F.consentNeeded
            : null;
    setError(problem);
    if (!topic || problem) return;
    setBusy(true);
    const body = bodyOf({ topic, text, dossier, name, phone, consent }, files, {
      consentVersion: o.consentVersion,
      ticketCode: o.ticket ? ticketCode : null,
      origin,
    });
    const r = await attempt(phoneApi.callPath('feedbackCreate', { body }));
    setBusy(false);
    if (r.ok) setReceipt({ receipt: r.value, phoneGiven: body.phone !== undefined });
    else setError(r.error);
  };

  return (
    <FeedbackShell center={center}>
      {o.ticket ? (
        <p className="fb-about" data-testid="fb-about">
          <Bi m={aboutWords(o.ticket)} />
        </p>
      ) : null}
      <p className="fb-intro">
        <Bi m={F.intro} />
      </p>
      <FeedbackTopicPicker value={topic} onChange={setTopic} legend={F.topic} hints />
      <div className="bk-field">
        <label htmlFor="fb-text">
          <Bi m={F.text} />
        </label>
        <p className="ph-muted fb-hint">{F.textHint.vi}</p>
        <textarea
          id="fb-text"
          data-testid="fb-text"
          rows={6}
          maxLength={FEEDBACK_LIMITS.textChars}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <p className="fb-count" data-testid="fb-count" aria-live="polite">
          {format(F.chars, { n: chars, max: FEEDBACK_LIMITS.textChars }).vi}
        </p>
      </div>
      <div className="bk-field">
        <label htmlFor="fb-dossier">
          <Bi m={F.dossier} />
        </label>
        <input
          id="fb-dossier"
          data-testid="fb-dossier"
          autoComplete="off"
          maxLength={40}
          value={dossier}
          onChange={(e) => setDossier(e.currentTarget.value)}
        />
      </div>
      <Attachments files={files} onChange={setFiles} />
      <section className="bk-step fb-who">
        <h2>
          <Bi m={F.who} />
        </h2>
        <p className="ph-muted fb-hint">
          <Bi m={FEEDBACK_PERSONAL.anonymous} />
        </p>
        <div className="bk-field">
          <label htmlFor="fb-name">
            <Bi m={F.name} />
          </label>
          <input
            id="fb-name"
            data-testid="fb-name"
            autoComplete="name"
            maxLength={FEEDBACK_LIMITS.nameChars}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
        </div>
        <NumberField
          id="fb-phone"
          label={F.phone}
          value={phone}
          max={10}
          problem={phoneOk ? null : FEEDBACK_PERSONAL.phoneFormat}
          autoComplete="tel-national"
          onChange={(v) => setPhone(phoneDigits(v))}
        />
        {personal ? (
          <label className="fb-consent" data-testid="fb-consent-label">
            <input
              type="checkbox"
              data-testid="fb-consent"
              checked={consent}
              onChange={(e) => setConsent(e.currentTarget.checked)}
            />
            <Bi m={FEEDBACK_PERSONAL.consent} />
          </label>
        ) : null}
      </section>
      {error ? <Banner tone="danger" title={error} testId="fb-error" /> : null}
      <Button busy={busy} testId="fb-send" onClick={() => void send()}>
        <Bi m={F.send} />
      </Button>
    </FeedbackShell>
  );
}
