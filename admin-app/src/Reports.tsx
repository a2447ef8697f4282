import { useMemo, useState } from 'react';
import type { ChartConfiguration } from 'chart.js';
import type { BookingReport, DossierProgressReply, ReportFigures, ReportReply } from '@layso/protocol';
import { Bi, Button, format, formatDate, vietnamDay, type Bilingual } from '@layso/ui-kit';
import { BookingReportBlock } from './BookingReport.js';
import { ChartCard, PALETTE } from './charts.js';
import { useAdmin } from './context.js';
import { ProgressBlock } from './DossierProgress.js';
import { A } from './messages.js';
import { DayRange, Field, Page, Problem, duration, percent, saveFile, useAction } from './parts.js';

const WEEKDAYS = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'];
const pct = (x: number | null) => percent(x, 1);

/**
 * A day or a range: totals, charts, tables by service, counter and officer, the arrivals heatmap, the dossiers'
 * progress (Decision 766); XLSX, CSV, print.
 */
export function Reports() {
  const { api } = useAdmin();
  const today = vietnamDay(new Date());
  // null while a field holds text that is not a date: nothing is asked of the server then (the field says why).
  const [from, setFrom] = useState<string | null>(today);
  const [to, setTo] = useState<string | null>(today);
  const [target, setTarget] = useState(15);
  const [report, setReport] = useState<ReportReply | null>(null);
  const [progress, setProgress] = useState<DossierProgressReply | null>(null);
  const [bookings, setBookings] = useState<BookingReport | null>(null);
  const load = useAction();
  const bookingLoad = useAction();
  const download = useAction();

  const show = async (f = from, t = to) => {
    if (!f || !t) return;
    setFrom(f);
    setTo(t);
    // The appointments' figures on their own: a refusal of them leaves the rest of the report standing.
    void bookingLoad.run(() => api.bookingReport({ from: f, to: t })).then((b) => setBookings(b ?? null));
    // The queue's figures and the dossiers' (Decision 766's progress) over the same days.
    const r = await load.run(() =>
      Promise.all([
        api.report({ from: f, to: t, targetWaitMinutes: target }),
        api.dossierProgress({ from: f, to: t }),
      ]),
    );
    if (r) {
      setReport(r[0]);
      setProgress(r[1]);
    }
  };
  const file = async (kind: 'csv' | 'xlsx') => {
    if (!from || !to) return;
    const got = await download.run(() => api.reportFile({ from, to, targetWaitMinutes: target }, kind));
    if (got) saveFile(got);
  };

  return (
    <Page
      title={A.navReports}
      testId="page-reports"
      actions={
        report ? (
          <>
            <Button
              variant="secondary"
              busy={download.busy}
              onClick={() => void file('xlsx')}
              testId="report-xlsx"
            >
              <Bi m={A.downloadXlsx} single />
            </Button>
            <Button variant="secondary" onClick={() => void file('csv')} testId="report-csv">
              <Bi m={A.downloadCsv} single />
            </Button>
            <Button variant="ghost" onClick={() => window.print()} testId="report-print">
              <Bi m={A.print} single />
            </Button>
          </>
        ) : null
      }
    >
      <form
        className="ad-card ad-report-form no-print"
        onSubmit={(e) => {
          e.preventDefault();
          void show();
        }}
      >
        <DayRange from={from} to={to} today={today} onFrom={setFrom} onTo={setTo} />
        <Field label={A.targetWait}>
          <input
            type="number"
            name="target"
            min={1}
            max={480}
            value={target}
            onChange={(e) => setTarget(Number(e.target.value))}
          />
        </Field>
        <div className="ad-quick">
          <Button variant="ghost" onClick={() => void show(today, today)} testId="report-today">
            <Bi m={A.today} single />
          </Button>
          <Button variant="ghost" onClick={() => void show(vietnamDay(new Date(), -6), today)}>
            <Bi m={A.last7} single />
          </Button>
          <Button variant="ghost" onClick={() => void show(`${today.slice(0, 8)}01`, today)}>
            <Bi m={A.thisMonth} single />
          </Button>
          <Button type="submit" busy={load.busy} testId="report-show">
            <Bi m={A.show} single />
          </Button>
        </div>
      </form>
      <Problem error={load.error ?? download.error} />
      {report ? <ReportView r={report} /> : null}
      {progress ? <ProgressBlock p={progress} /> : null}
      <Problem error={bookingLoad.error} testId="booking-report-error" />
      {bookings ? <BookingReportBlock r={bookings} /> : null}
    </Page>
  );
}

function ReportView({ r }: { r: ReportReply }) {
  const t = r.totals;
  const cards: [Bilingual, string, string][] = [
    [A.issued, String(t.issued), 'issued'],
    [A.served, String(t.served), 'served'],
    [A.noShow, String(t.noShow), 'noShow'],
    [A.transferred, String(t.transferred), 'transferred'],
    [A.leftWaiting, String(t.leftWaiting), 'leftWaiting'],
    [A.cancelled, String(t.cancelled), 'cancelled'],
    [A.avgWait, duration(t.avgWaitSeconds).vi, 'avgWait'],
    [A.p90Wait, duration(t.p90WaitSeconds).vi, 'p90Wait'],
    [A.avgService, duration(t.avgServiceSeconds).vi, 'avgService'],
    [format(A.withinTarget, { n: r.targetWaitMinutes }), pct(t.servedWithinTarget), 'withinTarget'],
  ];
  return (
    <div className="ad-report" data-testid="report">
      <h2 className="ad-report-title">
        <Bi m={format(A.reportOf, { from: formatDate(r.from), to: formatDate(r.to) })} single />
      </h2>
      <div className="ad-totals">
        {cards.map(([label, value, id]) => (
          <div className="ad-total" key={id} data-testid={`total-${id}`}>
            <span className="ad-total-value">{value}</span>
            <Bi m={label} />
          </div>
        ))}
      </div>
      <Charts r={r} />
      <Heatmap r={r} />
      <FigureTable
        title={A.byService}
        testId="report-services"
        rows={r.byService.map((s) => ({
          key: s.serviceId,
          name: s.name,
          issued: s.issued,
          cancelled: s.cancelled,
          f: s,
        }))}
      />
      <FigureTable
        title={A.byCounter}
        testId="report-counters"
        rows={r.byCounter.filter((c) => c.called > 0).map((c) => ({ key: c.counterId, name: c.name, f: c }))}
      />
      <FigureTable
        title={A.byOfficer}
        testId="report-officers"
        rows={r.byOfficer
          .filter((o) => o.called > 0)
          .map((o) => ({ key: o.officerId, name: o.displayName, f: o }))}
      />
    </div>
  );
}

function Charts({ r }: { r: ReportReply }) {
  const byHour = useMemo<ChartConfiguration<'bar'>>(() => {
    const hours = Array.from({ length: 24 }, (_, h) =>
      r.byHour.filter((x) => x.hour === h).reduce((n, x) => n + x.arrivals, 0),
    );
    const first = hours.findIndex((n) => n > 0);
    const last = 23 - [...hours].reverse().findIndex((n) => n > 0);
    const [lo, hi] = first < 0 ? [7, 17] : [Math.min(first, 7), Math.max(last, 17)];
    const labels = Array.from({ length: hi - lo + 1 }, (_, i) => `${lo + i}h`);
    return {
      type: 'bar',
      data: {
        labels,
        datasets: [
          { label: A.arrivalsByHour.vi, data: hours.slice(lo, hi + 1), backgroundColor: PALETTE[0] },
        ],
      },
      options: {
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    };
  }, [r]);
  const ratings = useMemo<ChartConfiguration<'doughnut'>>(() => {
    const x = r.totals.ratings;
    return {
      type: 'doughnut',
      data: {
        labels: [A.verySatisfied.vi, A.satisfied.vi, A.unsatisfied.vi, A.notRated.vi],
        datasets: [
          {
            data: [x.verySatisfied, x.satisfied, x.unsatisfied, x.none],
            backgroundColor: [PALETTE[1], PALETTE[0], PALETTE[2], '#c4ccd6'],
          },
        ],
      },
      options: { plugins: { legend: { position: 'right' } } },
    };
  }, [r]);
  const services = useMemo<ChartConfiguration<'bar'>>(
    () => ({
      type: 'bar',
      data: {
        labels: r.byService.map((s) => s.code),
        datasets: [
          { label: A.served.vi, data: r.byService.map((s) => s.served), backgroundColor: PALETTE[1] },
          { label: A.noShow.vi, data: r.byService.map((s) => s.noShow), backgroundColor: PALETTE[2] },
          {
            label: A.transferred.vi,
            data: r.byService.map((s) => s.transferred),
            backgroundColor: PALETTE[3],
          },
        ],
      },
      options: {
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      },
    }),
    [r],
  );
  return (
    <div className="ad-charts">
      <ChartCard title={A.arrivalsByHour} config={byHour} testId="chart-hours" />
      <ChartCard title={A.satisfaction} config={ratings} testId="chart-ratings" />
      <ChartCard title={A.byService} config={services} testId="chart-services" wide />
    </div>
  );
}

function Heatmap({ r }: { r: ReportReply }) {
  const max = Math.max(1, ...r.byHour.map((x) => x.arrivals));
  const hours = Array.from({ length: 12 }, (_, i) => i + 7);
  return (
    <figure className="ad-card ad-heat-wrap">
      <figcaption>
        <Bi m={A.heatmap} single />
      </figcaption>
      <table className="ad-heat" data-testid="report-heatmap">
        <thead>
          <tr>
            <th />
            {hours.map((h) => (
              <th key={h}>{h}h</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((w, i) => (
            <tr key={w}>
              <th>{w}</th>
              {hours.map((h) => {
                const n = r.byHour.find((x) => x.weekday === i + 1 && x.hour === h)?.arrivals ?? 0;
                const level = n === 0 ? 0 : Math.ceil((n / max) * 5);
                return (
                  <td key={h} className={`ad-heat-${level}`} title={`${w} ${h}h: ${n}`}>
                    {n || ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

function FigureTable({
  title,
  rows,
  testId,
}: {
  title: Bilingual;
  /** `issued` and `cancelled` for services only: a ticket left before any call has no counter or officer. */
  rows: { key: number; name: string; issued?: number; cancelled?: number; f: ReportFigures }[];
  testId: string;
}) {
  const withIssued = rows.some((r) => r.issued !== undefined);
  return (
    <section className="ad-card">
      <h3>
        <Bi m={title} single />
      </h3>
      {rows.length === 0 ? (
        <p>
          <Bi m={A.noData} single />
        </p>
      ) : (
        <div className="ad-scroll">
          <table className="ad-table" data-testid={testId}>
            <thead>
              <tr>
                <th>
                  <Bi m={A.name} single />
                </th>
                {withIssued ? <th className="num">{A.issued.vi}</th> : null}
                <th className="num">{A.served.vi}</th>
                <th className="num">{A.noShow.vi}</th>
                <th className="num">{A.transferred.vi}</th>
                {withIssued ? <th className="num">{A.cancelled.vi}</th> : null}
                <th className="num">{A.avgWait.vi}</th>
                <th className="num">{A.p90Wait.vi}</th>
                <th className="num">{A.avgService.vi}</th>
                <th className="num">{A.verySatisfied.vi}</th>
                <th className="num">{A.satisfied.vi}</th>
                <th className="num">{A.unsatisfied.vi}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ key, name, issued, cancelled, f }) => (
                <tr key={key}>
                  <td>{name}</td>
                  {withIssued ? <td className="num">{issued}</td> : null}
                  <td className="num">{f.served}</td>
                  <td className="num">{f.noShow}</td>
                  <td className="num">{f.transferred}</td>
                  {withIssued ? <td className="num">{cancelled}</td> : null}
                  <td className="num">{duration(f.avgWaitSeconds).vi}</td>
                  <td className="num">{duration(f.p90WaitSeconds).vi}</td>
                  <td className="num">{duration(f.avgServiceSeconds).vi}</td>
                  <td className="num">{f.ratings.verySatisfied}</td>
                  <td className="num">{f.ratings.satisfied}</td>
                  <td className="num">{f.ratings.unsatisfied}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
