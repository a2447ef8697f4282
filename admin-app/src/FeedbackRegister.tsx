import { useState } from 'react';
import { type FeedbackCaseSummary, type FeedbackList } from '@layso/protocol';
import {
  Bi,
  Button,
  FEEDBACK_CHANNEL_LABELS,
  FEEDBACK_CLASS_LABELS,
  FEEDBACK_STATUS_LABELS,
  FEEDBACK_TOPIC_LABELS,
  feedbackCodeShown,
  format,
  formatDate,
  formatDateTime,
  vietnamDay,
} from '@layso/ui-kit';
import { useAdmin } from './context.js';
import { F } from './feedback-messages.js';
import {
  caseHash,
  CHANNELS,
  CLASSES,
  dueBadge,
  emptyFilter,
  forwardDueApplies,
  registerQuery,
  STATUSES,
  type RegisterFilter,
} from './feedback-view.js';
import { A } from './messages.js';
import { DataTable, DayRange, Field, Problem, useLoad } from './parts.js';

/**
 * The register: every case the viewer may see (never one about themselves before its answer — the server leaves it
 * out), filtered by state, class, channel, due, days received and a search; counts on top; a row opens the case.
 */
export function FeedbackRegister({ due }: { due: RegisterFilter['due'] }) {
  const { api } = useAdmin();
  const [f, setF] = useState<RegisterFilter>(() => emptyFilter(due));
  const query = registerQuery(f);
  const list = useLoad(() => api.feedbackCases(query), [api, JSON.stringify(query)]);
  const today = vietnamDay(new Date());
  const set = (patch: Partial<RegisterFilter>) => setF({ ...f, ...patch });
  const pick = <T extends string>(options: readonly T[], v: string): T | null =>
    options.find((o) => o === v) ?? null;

  return (
    <>
      <p className="ad-intro">{F.intro.vi}</p>
      <form className="ad-card ad-dossier-filters fb-filters" onSubmit={(e) => e.preventDefault()}>
        <Field label={F.status}>
          <select
            name="status"
            value={f.status ?? ''}
            onChange={(e) => set({ status: pick(STATUSES, e.target.value) })}
          >
            <option value="">{F.all.vi}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {FEEDBACK_STATUS_LABELS[s].vi}
              </option>
            ))}
          </select>
        </Field>
        <Field label={F.class}>
          <select
            name="class"
            value={f.class ?? ''}
            onChange={(e) => set({ class: pick(CLASSES, e.target.value) })}
          >
            <option value="">{F.all.vi}</option>
            {CLASSES.map((c) => (
              <option key={c} value={c}>
                {FEEDBACK_CLASS_LABELS[c].vi}
              </option>
            ))}
          </select>
        </Field>
        <Field label={F.channel}>
          <select
            name="channel"
            value={f.channel ?? ''}
            onChange={(e) => set({ channel: pick(CHANNELS, e.target.value) })}
          >
            <option value="">{F.all.vi}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {FEEDBACK_CHANNEL_LABELS[c].vi}
              </option>
            ))}
          </select>
        </Field>
        <Field label={F.due}>
          <select
            name="due"
            value={f.due ?? ''}
            onChange={(e) => set({ due: pick(['overdue', 'soon'] as const, e.target.value) })}
          >
            <option value="">{F.all.vi}</option>
            <option value="overdue">{F.dueOverdue.vi}</option>
            <option value="soon">{F.dueSoon.vi}</option>
          </select>
        </Field>
        <DayRange
          from={f.from}
          to={f.to}
          today={today}
          onFrom={(from) => set({ from })}
          onTo={(to) => set({ to })}
        />
        <Field label={F.search}>
          <input
            name="q"
            type="search"
            maxLength={100}
            value={f.q}
            onChange={(e) => set({ q: e.target.value })}
          />
        </Field>
        <Button variant="ghost" onClick={list.reload} testId="feedback-refresh">
          <Bi m={F.refresh} single />
        </Button>
      </form>
      <Problem error={list.error} />
      {list.data ? <Cases list={list.data} /> : list.error ? null : <p>{A.loading.vi}</p>}
    </>
  );
}

function Cases({ list }: { list: FeedbackList }) {
  return (
    <>
      <p className="fb-counts" data-testid="feedback-counts">
        <strong data-testid="feedback-count-total">{format(F.countTotal, { n: list.total }).vi}</strong>
        <span
          className={list.overdue ? 'fb-badge fb-overdue' : 'fb-badge'}
          data-testid="feedback-count-overdue"
        >
          {format(F.countOverdue, { n: list.overdue }).vi}
        </span>
        <span className={list.dueSoon ? 'fb-badge fb-soon' : 'fb-badge'} data-testid="feedback-count-soon">
          {format(F.countSoon, { n: list.dueSoon }).vi}
        </span>
        {list.cases.length < list.total ? (
          <small className="ad-muted">
            {format(F.countShown, { shown: list.cases.length, total: list.total }).vi}
          </small>
        ) : null}
      </p>
      <DataTable
        testId="feedback-list"
        columns={[
          F.code,
          F.receivedChannel,
          F.topicExcerpt,
          F.class,
          F.concerned,
          F.assignee,
          F.dueDays,
          F.status,
        ]}
      >
        {list.cases.length === 0 ? (
          <tr>
            <td colSpan={8}>{F.none.vi}</td>
          </tr>
        ) : (
          list.cases.map((c) => <Row key={c.id} c={c} />)
        )}
      </DataTable>
    </>
  );
}

function Row({ c }: { c: FeedbackCaseSummary }) {
  const badge = dueBadge(c);
  return (
    <tr
      data-testid={`feedback-row-${c.code}`}
      data-status={c.status}
      data-due={badge?.kind ?? ''}
      className={badge ? `fb-row-${badge.kind}` : undefined}
    >
      <td className="ad-mono ad-nowrap">
        <a href={caseHash(c.id)} data-testid={`feedback-open-${c.code}`}>
          {feedbackCodeShown(c.code)}
        </a>
      </td>
      <td>
        <div className="ad-nowrap">{formatDateTime(c.receivedAt)}</div>
        <div className="ad-detail ad-muted" data-testid="feedback-channel">
          {FEEDBACK_CHANNEL_LABELS[c.channel].vi}
        </div>
      </td>
      <td className="fb-excerpt">
        <strong data-testid="feedback-topic">{FEEDBACK_TOPIC_LABELS[c.topic].vi}</strong>
        <div className="ad-detail">{c.excerpt}</div>
      </td>
      <td>
        {c.class ? FEEDBACK_CLASS_LABELS[c.class].vi : <span className="ad-muted">{F.unclassified.vi}</span>}
      </td>
      <td>
        {c.serviceName ?? '—'}
        {c.officerName ? <div className="ad-detail ad-muted">{c.officerName}</div> : null}
      </td>
      <td>{c.assigneeName ?? '—'}</td>
      <td className="ad-nowrap" data-testid="feedback-due">
        {forwardDueApplies(c) ? (
          <div>
            {F.forwardDue.vi}: {formatDate(c.forwardDueDay)}
          </div>
        ) : null}
        <div>
          {F.answerDue.vi}: {formatDate(c.answerDueDay)}
        </div>
        <DueBadge badge={badge} testId="feedback-due-badge" />
      </td>
      <td>
        <span className={`fb-status fb-status-${c.status}`}>{FEEDBACK_STATUS_LABELS[c.status].vi}</span>
      </td>
    </tr>
  );
}

/** A case's due flag (overdue, answer due soon), in the register's row and on the case's page; nothing when neither. */
export function DueBadge({ badge, testId }: { badge: ReturnType<typeof dueBadge>; testId: string }) {
  return badge ? (
    <span className={`fb-badge fb-${badge.kind}`} data-testid={testId}>
      <Bi m={badge.m} single />
    </span>
  ) : null;
}
