import { useEffect, useState, type ReactNode } from 'react';
import { Rating, type FeedbackCase, type FeedbackFile } from '@layso/protocol';
import {
  Bi,
  FEEDBACK_CHANNEL_LABELS,
  FEEDBACK_CLASS_LABELS,
  FEEDBACK_FORWARD_MEANS_LABELS,
  FEEDBACK_ORIGIN_LABELS,
  FEEDBACK_STATUS_LABELS,
  FEEDBACK_TOPIC_LABELS,
  feedbackCodeShown,
  format,
  formatDate,
  formatDateTime,
  type AdminApi,
} from '@layso/ui-kit';
import { useAdmin } from './context.js';
import { FeedbackActions } from './FeedbackActions.js';
import { DueBadge } from './FeedbackRegister.js';
import { EVENT_LABELS, F } from './feedback-messages.js';
import { dueBadge, eventNote as note, forwardDueApplies } from './feedback-view.js';
import { A } from './messages.js';
import { Problem, useLoad } from './parts.js';

/**
 * One case of the register: what the citizen said and who they are (shown here only), what it is attached to, the
 * pictures (fetched with the session's token into blob URLs — they have no public address), the due dates, the
 * forwarding record, the answer and the history; the actions its state allows.
 */
export function FeedbackCasePage({ id }: { id: number }) {
  const { api } = useAdmin();
  const loaded = useLoad(() => api.feedbackCase(id), [api, id]);
  const [c, setC] = useState<FeedbackCase | null>(null);
  useEffect(() => setC(loaded.data), [loaded.data]);
  return (
    <>
      <p>
        <a href="#feedback" data-testid="feedback-back">
          {F.back.vi}
        </a>
      </p>
      <Problem error={loaded.error} />
      {c ? <CaseView c={c} onChanged={setC} /> : loaded.error ? null : <p>{A.loading.vi}</p>}
    </>
  );
}

function CaseView({ c, onChanged }: { c: FeedbackCase; onChanged: (c: FeedbackCase) => void }) {
  const badge = dueBadge(c);
  const row = (label: { vi: string; en: string }, value: ReactNode, testId?: string) => (
    <>
      <dt>
        <Bi m={label} single />
      </dt>
      <dd data-testid={testId}>{value}</dd>
    </>
  );
  return (
    <div className="fb-case" data-testid="feedback-case" data-status={c.status}>
      <header className="fb-case-head">
        <h2>
          {F.caseTitle.vi} <span className="ad-mono">{feedbackCodeShown(c.code)}</span>
        </h2>
        <span className={`fb-status fb-status-${c.status}`} data-testid="case-status">
          {FEEDBACK_STATUS_LABELS[c.status].vi}
        </span>
        <DueBadge badge={badge} testId="case-due-badge" />
      </header>
      <div className="fb-case-grid">
        <div>
          <section className="ad-card">
            <dl className="fb-dl">
              {row(F.received, formatDateTime(c.receivedAt))}
              {row(
                F.channel,
                <>
                  {FEEDBACK_CHANNEL_LABELS[c.channel].vi}
                  {c.origin ? ` · ${FEEDBACK_ORIGIN_LABELS[c.origin].vi}` : ''}
                </>,
                'case-channel',
              )}
              {row(F.topic, FEEDBACK_TOPIC_LABELS[c.topic].vi)}
              {row(F.citizen, <Citizen c={c} />, 'case-citizen')}
              {c.ticket
                ? row(
                    F.ticket,
                    <>
                      {c.ticket.number} · {formatDateTime(c.ticket.issuedAt)}
                      {c.ticket.rating
                        ? ` · ${format(F.ticketRating, { rating: ratingText(c.ticket.rating) }).vi}`
                        : ''}
                    </>,
                    'case-ticket',
                  )
                : null}
              {c.counterName ? row(F.counter, c.counterName, 'case-counter') : null}
              {c.dossierCode ? row(F.dossier, <span className="ad-mono">{c.dossierCode}</span>) : null}
              {c.receivedBy ? row(F.receivedBy, c.receivedBy) : null}
            </dl>
            <h3>
              <Bi m={F.text} single />
            </h3>
            <p className="fb-text" data-testid="case-text">
              {c.text}
            </p>
          </section>
          <Pictures caseId={c.id} files={c.files} />
          <section className="ad-card">
            <dl className="fb-dl" data-testid="case-handling">
              {row(F.class, c.class ? FEEDBACK_CLASS_LABELS[c.class].vi : F.unclassified.vi, 'case-class')}
              {c.classNote ? row(F.classNote, c.classNote) : null}
              {row(
                F.concerned,
                [c.serviceName, c.officerName].filter(Boolean).join(' · ') || '—',
                'case-concerned',
              )}
              {row(F.assignee, c.assigneeName ?? '—', 'case-assignee')}
              {forwardDueApplies(c)
                ? row(F.forwardDue, formatDate(c.forwardDueDay), 'case-forward-due')
                : null}
              {row(F.answerDue, formatDate(c.answerDueDay), 'case-answer-due')}
              {c.forward
                ? row(
                    F.forwardRecord,
                    <>
                      {
                        format(F.forwardLine, {
                          to: c.forward.to,
                          at: formatDateTime(c.forward.at),
                          means: FEEDBACK_FORWARD_MEANS_LABELS[c.forward.means].vi,
                        }).vi
                      }
                      {c.forward.reference ? ` · ${F.reference.vi}: ${c.forward.reference}` : ''}
                    </>,
                    'case-forward',
                  )
                : null}
              {c.answer
                ? row(
                    F.answer,
                    <>
                      <p className="fb-text">{c.answer}</p>
                      <small className="ad-muted">
                        {c.answeredAt ? `${formatDateTime(c.answeredAt)} · ` : ''}
                        {(c.published ? F.published : F.notPublished).vi}
                      </small>
                    </>,
                    'case-answer',
                  )
                : null}
              {c.closedAt ? row(F.closedAt, formatDateTime(c.closedAt), 'case-closed') : null}
              {c.closeNote ? row(F.closeNote, c.closeNote) : null}
            </dl>
          </section>
          <History c={c} />
        </div>
        <FeedbackActions c={c} onChanged={onChanged} />
      </div>
    </div>
  );
}

/** The ticket's rating in words (the report's), or as the server said it when unknown. */
function ratingText(rating: string): string {
  const known = Rating.safeParse(rating);
  if (!known.success) return rating;
  return {
    'very-satisfied': A.verySatisfied,
    satisfied: A.satisfied,
    unsatisfied: A.unsatisfied,
  }[known.data].vi;
}

function Citizen({ c }: { c: FeedbackCase }) {
  if (c.personalErased) return <span className="ad-muted">{F.erased.vi}</span>;
  if (!c.name && !c.phone) return <span className="ad-muted">{F.anonymous.vi}</span>;
  return (
    <>
      {c.name ?? '—'}
      {c.phone ? (
        <>
          {' · '}
          <span className="ad-mono">{c.phone}</span>
        </>
      ) : null}
    </>
  );
}

function History({ c }: { c: FeedbackCase }) {
  return (
    <section className="ad-card">
      <h3>
        <Bi m={F.history} single />
      </h3>
      <ol className="fb-history" data-testid="case-history">
        {c.history.map((e, i) => (
          <li key={i} data-kind={e.kind}>
            <span className="ad-nowrap">{formatDateTime(e.at)}</span>{' '}
            <strong>{EVENT_LABELS[e.kind].vi}</strong>
            {' · '}
            {e.by ?? F.bySystem.vi}
            {note(e) ? <div className="ad-detail ad-muted">{note(e)?.vi}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The pictures as blob URLs made from the token-carrying fetch, revoked when the case is left. */
function Pictures({ caseId, files }: { caseId: number; files: FeedbackFile[] }) {
  const { api } = useAdmin();
  const [urls, setUrls] = useState<Record<number, string>>({});
  const [error, setError] = useState<unknown>(null);
  const ids = files.map((f) => f.id).join(',');
  useEffect(() => {
    let live = true;
    const made: string[] = [];
    void loadPictures(api, caseId, files).then(
      (got) => {
        for (const u of Object.values(got)) made.push(u);
        if (live) setUrls(got);
        else for (const u of made) URL.revokeObjectURL(u);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
      for (const u of made) URL.revokeObjectURL(u);
    };
    // The list's ids say when to fetch again; the objects themselves change on every reply.
  }, [api, caseId, ids]);
  return (
    <section className="ad-card" data-testid="case-pictures">
      <h3>
        <Bi m={F.pictures} single />
      </h3>
      <Problem error={error} />
      {files.length === 0 ? (
        <p className="ad-muted">{F.noPictures.vi}</p>
      ) : (
        <div className="fb-pictures">
          {files.map((f, i) => {
            const label = f.page
              ? format(F.picturePage, { page: f.page }).vi
              : format(F.picture, { n: i + 1 }).vi;
            const url = urls[f.id];
            return (
              <figure key={f.id}>
                {url ? (
                  <a href={url} target="_blank" rel="noreferrer">
                    <img src={url} alt={label} data-testid={`case-picture-${f.id}`} />
                  </a>
                ) : (
                  <div className="fb-picture-wait">{A.loading.vi}</div>
                )}
                <figcaption className="ad-detail ad-muted">{label}</figcaption>
              </figure>
            );
          })}
        </div>
      )}
    </section>
  );
}

async function loadPictures(api: AdminApi, caseId: number, files: FeedbackFile[]) {
  const out: Record<number, string> = {};
  for (const f of files) {
    const got = await api.feedbackPicture(caseId, f.id);
    out[f.id] = URL.createObjectURL(got.blob);
  }
  return out;
}
