import { useEffect, useState } from 'react';
import type { PublicFeedback } from '@layso/protocol';
import { FEEDBACK_PROOF_PATTERN } from '@layso/protocol/feedback-input';
import { Banner, Bi, Button } from '@layso/ui-kit/components';
import { formatDate, formatDateTime, vietnamDay } from '@layso/ui-kit/datetime';
import { feedbackCodeShown } from '@layso/ui-kit/feedback/fields';
import { FEEDBACK_STATUS_LABELS, FEEDBACK_TOPIC_LABELS } from '@layso/ui-kit/feedback/labels';
import { format, type Bilingual } from '@layso/ui-kit/i18n';
import { phoneApi } from '../api.js';
import { attempt } from '../booking/attempt.js';
import { NumberField } from '../booking/Identity.js';
import { digitsOnly } from '../booking/words.js';
import { FeedbackShell } from './FeedbackShell.js';
import { F } from './texts.js';

type Load =
  | { state: 'loading' }
  | { state: 'ready'; value: PublicFeedback }
  | { state: 'failed'; code: string; error: Bilingual };

/** Where the case stands, in plain words; a forwarded one names the agency it went to. */
function statusWords(c: PublicFeedback): Bilingual {
  if (c.status === 'forwarded' && c.forwardedTo) return format(F.forwardedTo, { to: c.forwardedTo });
  return FEEDBACK_STATUS_LABELS[c.status];
}

const day = (at: string) => formatDate(vietnamDay(at));

/**
 * One case's page (`/pa/:code`, its QR and the receipt's link): with the code alone its state, dates and a
 * published answer; with the last 4 digits of the phone given, also what was sent and the answer. An anonymous case
 * has no proof: its page says so. An unknown code gets a plain page that says so.
 */
export function CasePage({ code }: { code: string }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [proof, setProof] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Bilingual | null>(null);
  const [center, setCenter] = useState('');

  useEffect(() => {
    void attempt(phoneApi.callPath('feedbackStatus', { params: { code } })).then((r) =>
      setLoad(r.ok ? { state: 'ready', value: r.value } : { state: 'failed', code: r.code, error: r.error }),
    );
  }, [code]);
  // The center's name for the header, asked beside the case (a case carries none).
  useEffect(() => {
    void attempt(phoneApi.callPath('feedbackOptions', { query: {} })).then((r) => {
      if (r.ok) setCenter(r.value.centerName);
    });
  }, []);
  useEffect(() => {
    if (load.state === 'ready') document.title = `${feedbackCodeShown(load.value.code)} · ${F.title.vi}`;
  }, [load]);

  if (load.state === 'loading')
    return (
      <FeedbackShell center="">
        <p className="ph-muted">{F.loading.vi}</p>
      </FeedbackShell>
    );
  if (load.state === 'failed')
    return (
      <FeedbackShell center="">
        <Banner
          tone="danger"
          title={load.code === 'LAYSO_FEEDBACK_NOT_FOUND' ? F.notFound : load.error}
          testId="fb-not-found"
        />
        <a className="bk-link-btn" href="/pa">
          <Bi m={F.newCase} />
        </a>
      </FeedbackShell>
    );
  const c = load.value;
  const lookup = async () => {
    setBusy(true);
    setError(null);
    const r = await attempt(
      phoneApi.callPath('feedbackLookup', { params: { code: c.code }, body: { proof } }),
    );
    setBusy(false);
    if (r.ok) setLoad({ state: 'ready', value: r.value });
    else setError(r.error);
  };
  const answered = c.status === 'answered' || c.status === 'closed';

  return (
    <FeedbackShell center={center}>
      <section className="ph-card fb-case" data-testid="fb-case" data-status={c.status}>
        <div className="ph-number-box">
          <Bi m={F.code} className="ph-label" />
          <div className="bk-code" data-testid="fb-code">
            {feedbackCodeShown(c.code)}
          </div>
        </div>
        <p className={`bk-status fb-status-${c.status}`} data-testid="fb-status">
          <Bi m={statusWords(c)} />
        </p>
        <dl className="ph-facts bk-facts">
          <div>
            <dt>
              <Bi m={F.received} />
            </dt>
            <dd>{formatDateTime(c.receivedAt)}</dd>
          </div>
          <div>
            <dt>
              <Bi m={F.due} />
            </dt>
            <dd data-testid="fb-due">{formatDate(c.answerDueDay)}</dd>
          </div>
          {c.forwardedAt ? (
            <div>
              <dt>
                <Bi m={F.forwardedAt} />
              </dt>
              <dd>{day(c.forwardedAt)}</dd>
            </div>
          ) : null}
          {c.answeredAt ? (
            <div>
              <dt>
                <Bi m={F.answeredAt} />
              </dt>
              <dd data-testid="fb-answered-at">{day(c.answeredAt)}</dd>
            </div>
          ) : null}
        </dl>
      </section>
      {c.answer !== null ? (
        <section className="ph-card fb-answer" data-testid="fb-answer">
          <h2>
            <Bi m={F.answer} />
          </h2>
          <p className="fb-prose">{c.answer}</p>
        </section>
      ) : null}
      {c.detailed && c.topic && c.text !== null ? (
        <section className="ph-card fb-sent" data-testid="fb-details">
          <h2>
            <Bi m={F.yourText} />
          </h2>
          <p className="fb-topic-name">
            <Bi m={FEEDBACK_TOPIC_LABELS[c.topic]} />
          </p>
          <p className="fb-prose" data-testid="fb-text-sent">
            {c.text}
          </p>
        </section>
      ) : null}
      {!c.detailed && c.hasPhone ? (
        <section className="bk-step fb-proof" data-testid="fb-proof-step">
          <p>
            <Bi m={answered && c.answer === null ? F.answerPrivate : F.proofWhy} />
          </p>
          <NumberField
            id="fb-proof"
            label={F.proof}
            value={proof}
            max={4}
            problem={null}
            autoComplete="off"
            onChange={(v) => setProof(digitsOnly(v, 4))}
          />
          {error ? <Banner tone="danger" title={error} testId="fb-error" /> : null}
          <Button
            busy={busy}
            disabled={!FEEDBACK_PROOF_PATTERN.test(proof)}
            testId="fb-proof-see"
            onClick={() => void lookup()}
          >
            <Bi m={F.proofSee} />
          </Button>
        </section>
      ) : null}
      {!c.hasPhone ? (
        <p className="ph-muted" data-testid="fb-anonymous">
          <Bi m={F.anonymous} />
        </p>
      ) : null}
    </FeedbackShell>
  );
}
