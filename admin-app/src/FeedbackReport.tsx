import { useState } from 'react';
import type { FeedbackReport } from '@layso/protocol';
import { Bi, Button, formatDate, vietnamDay, type Bilingual } from '@layso/ui-kit';
import { useAdmin } from './context.js';
import { F } from './feedback-messages.js';
import { A } from './messages.js';
import { DataTable, DayRange, percent, Problem, saveFile, useAction } from './parts.js';

type Tally = FeedbackReport['byClass'][number];
const rate = (part: number, whole: number) => (whole ? percent(part / whole, 1) : '—');

/**
 * The feedback report over a range of days received: totals, by class, department, officer and channel with the
 * answers on time, the link between unsatisfied ratings and cases; and the register of those days as XLSX in the
 * layout of the paper register.
 */
export function FeedbackReportPage() {
  const { api } = useAdmin();
  const today = vietnamDay(new Date());
  const monthStart = `${today.slice(0, 8)}01`;
  const [from, setFrom] = useState<string | null>(monthStart);
  const [to, setTo] = useState<string | null>(today);
  const [report, setReport] = useState<FeedbackReport | null>(null);
  const load = useAction();
  const download = useAction();
  const show = () => {
    if (!from || !to) return;
    void load.run(() => api.feedbackReport({ from, to })).then((r) => r && setReport(r));
  };
  return (
    <>
      <form
        className="ad-card ad-report-form"
        onSubmit={(e) => {
          e.preventDefault();
          show();
        }}
      >
        <DayRange from={from} to={to} today={today} onFrom={setFrom} onTo={setTo} />
        <Button type="submit" busy={load.busy} testId="feedback-report-show">
          <Bi m={F.show} single />
        </Button>
        <Button
          variant="secondary"
          busy={download.busy}
          disabled={!from || !to}
          testId="feedback-register-xlsx"
          onClick={() => {
            if (!from || !to) return;
            void download
              .run(() => api.feedbackRegisterFile({ from, to }))
              .then((got) => got && saveFile(got));
          }}
        >
          <Bi m={F.downloadRegister} single />
        </Button>
      </form>
      <Problem error={load.error ?? download.error} />
      {report ? <ReportView r={report} /> : null}
    </>
  );
}

function ReportView({ r }: { r: FeedbackReport }) {
  const t = r.totals;
  const figures: [Bilingual, string | number, string][] = [
    [F.cases, t.cases, 'cases'],
    [F.answered, t.answered, 'answered'],
    [F.answeredOnTime, `${t.answeredOnTime} (${rate(t.answeredOnTime, t.answered)})`, 'answered-on-time'],
    [F.forwarded, t.forwarded, 'forwarded'],
    [
      F.forwardedOnTime,
      `${t.forwardedOnTime} (${rate(t.forwardedOnTime, t.forwarded)})`,
      'forwarded-on-time',
    ],
    [F.overdue, t.overdue, 'overdue'],
    [F.anonymousCount, t.anonymous, 'anonymous'],
  ];
  return (
    <section className="ad-report" data-testid="feedback-report">
      <h2 className="ad-report-title">
        {F.reportTitle.vi} · {formatDate(r.from)} – {formatDate(r.to)}
      </h2>
      {t.cases === 0 ? (
        <p className="ad-card">
          <Bi m={F.noReport} single />
        </p>
      ) : null}
      <section className="ad-card">
        <dl className="fb-totals" data-testid="feedback-report-totals">
          {figures.map(([m, v, id]) => (
            <div key={id} data-testid={`feedback-total-${id}`}>
              <dt>
                <Bi m={m} single />
              </dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </section>
      <div className="ad-two">
        <Tallies title={F.byClass} rows={r.byClass} testId="feedback-by-class" />
        <Tallies title={F.byChannel} rows={r.byChannel} testId="feedback-by-channel" />
      </div>
      <Tallies title={F.byDepartment} rows={r.byDepartment} testId="feedback-by-department" />
      <Tallies title={F.byOfficer} rows={r.byOfficer} testId="feedback-by-officer" />
      <section className="ad-card" data-testid="feedback-ratings">
        <h3>
          <Bi m={F.ratingsTitle} single />
        </h3>
        <p>
          {F.unsatisfied.vi}: <strong>{r.ratings.unsatisfied}</strong> · {F.casesWithRating.vi}:{' '}
          <strong>{r.ratings.casesWithRating}</strong> · {F.casesAfterUnsatisfied.vi}:{' '}
          <strong>{r.ratings.casesAfterUnsatisfied}</strong>
        </p>
        {r.ratings.byOfficer.length ? (
          <DataTable
            testId="feedback-ratings-officers"
            columns={[F.officer, { m: F.unsatisfied, num: true }, { m: F.cases, num: true }]}
          >
            {r.ratings.byOfficer.map((o) => (
              <tr key={o.officerId}>
                <td>{o.officerName}</td>
                <td className="num">{o.unsatisfied}</td>
                <td className="num">{o.cases}</td>
              </tr>
            ))}
          </DataTable>
        ) : null}
      </section>
    </section>
  );
}

function Tallies({ title, rows, testId }: { title: Bilingual; rows: Tally[]; testId: string }) {
  return (
    <section data-testid={testId}>
      <h3>
        <Bi m={title} single />
      </h3>
      <DataTable
        testId={`${testId}-table`}
        columns={[
          title,
          { m: F.cases, num: true },
          { m: F.answered, num: true },
          { m: F.answeredOnTime, num: true },
          { m: F.onTimeRate, num: true },
          { m: F.overdue, num: true },
        ]}
      >
        {rows.length === 0 ? (
          <tr>
            <td colSpan={6}>{A.noData.vi}</td>
          </tr>
        ) : (
          rows.map((x) => (
            <tr key={x.key} data-testid={`${testId}-${x.key}`}>
              <td>{x.label}</td>
              <td className="num">{x.cases}</td>
              <td className="num">{x.answered}</td>
              <td className="num">{x.answeredOnTime}</td>
              <td className="num">{rate(x.answeredOnTime, x.answered)}</td>
              <td className="num">{x.overdue}</td>
            </tr>
          ))
        )}
      </DataTable>
    </section>
  );
}
