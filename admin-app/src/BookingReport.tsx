import { useMemo } from 'react';
import type { ChartConfiguration } from 'chart.js';
import type { BookingReport } from '@layso/protocol';
import { Bi, Button } from '@layso/ui-kit';
import { B } from './booking-messages.js';
import { bookingReportCsv } from './booking-view.js';
import { ChartCard, PALETTE } from './charts.js';
import { percent, saveFile } from './parts.js';

type Figures = BookingReport['totals'];
const pct = (x: number | null) => percent(x, 1);
const mins = (x: number | null) =>
  x === null ? '—' : `${x.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} phút`;

/**
 * The report's appointments block (issue 21), over the report's days: per service the places offered and what
 * became of the bookings, the no-show rate, places used, and booked against walk-in waits; two charts; a CSV.
 */
export function BookingReportBlock({ r }: { r: BookingReport }) {
  return (
    <section className="ad-report bk-report" data-testid="booking-report">
      <div className="ad-page-head">
        <h2 className="ad-report-title">
          <Bi m={B.reportTitle} single />
        </h2>
        {r.rows.length ? (
          <Button
            variant="secondary"
            className="no-print"
            testId="booking-report-csv"
            onClick={() =>
              saveFile({
                blob: new Blob([bookingReportCsv(r)], { type: 'text/csv;charset=utf-8' }),
                name: `dat-lich-${r.from}-${r.to}.csv`,
              })
            }
          >
            <Bi m={B.downloadCsv} single />
          </Button>
        ) : null}
      </div>
      {r.rows.length === 0 ? (
        <p className="ad-card">
          <Bi m={B.noReport} single />
        </p>
      ) : (
        <>
          <Charts r={r} />
          <section className="ad-card ad-scroll">
            <table className="ad-table" data-testid="booking-report-table">
              <thead>
                <tr>
                  {[
                    B.service,
                    B.placesOffered,
                    B.booked,
                    B.checkedIn,
                    B.cancelled,
                    B.late,
                    B.noShow,
                    B.noShowRate,
                    B.placesUsed,
                    B.bookedAvg,
                    B.bookedP90,
                    B.walkInAvg,
                    B.walkInP90,
                  ].map((m, i) => (
                    <th key={m.vi} className={i ? 'num' : undefined}>
                      {m.vi}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {r.rows.map((x) => (
                  <Row
                    key={x.serviceId}
                    name={x.serviceName}
                    x={x}
                    testId={`booking-report-${x.serviceId}`}
                  />
                ))}
                <Row name={B.total.vi} x={r.totals} testId="booking-report-total" strong />
              </tbody>
            </table>
          </section>
        </>
      )}
    </section>
  );
}

function Row({
  name,
  x,
  testId,
  strong = false,
}: {
  name: string;
  x: Figures;
  testId: string;
  strong?: boolean;
}) {
  return (
    <tr data-testid={testId} className={strong ? 'bk-total' : undefined}>
      <td>{name}</td>
      <td className="num">{x.placesOffered}</td>
      <td className="num">{x.booked}</td>
      <td className="num">{x.checkedIn}</td>
      <td className="num">{x.cancelled}</td>
      <td className="num">{x.late}</td>
      <td className="num">{x.noShow}</td>
      <td className="num">{pct(x.noShowRate)}</td>
      <td className="num">{pct(x.placesUsedRate)}</td>
      <td className="num">{mins(x.bookedWait.avgWaitMinutes)}</td>
      <td className="num">{mins(x.bookedWait.p90WaitMinutes)}</td>
      <td className="num">{mins(x.walkInWait.avgWaitMinutes)}</td>
      <td className="num">{mins(x.walkInWait.p90WaitMinutes)}</td>
    </tr>
  );
}

function Charts({ r }: { r: BookingReport }) {
  // A long name's bracketed part on a second line, so the axis stays level.
  const labels = r.rows.map((x) => x.serviceName.split(/ (?=\()/));
  const waits = useMemo<ChartConfiguration<'bar'>>(
    () => ({
      type: 'bar',
      data: {
        labels,
        datasets: [
          {
            label: B.bookedShort.vi,
            data: r.rows.map((x) => x.bookedWait.avgWaitMinutes ?? 0),
            backgroundColor: PALETTE[1],
          },
          {
            label: B.walkInShort.vi,
            data: r.rows.map((x) => x.walkInWait.avgWaitMinutes ?? 0),
            backgroundColor: PALETTE[0],
          },
        ],
      },
      options: { scales: { y: { beginAtZero: true } } },
    }),
    [r],
  );
  const outcomes = useMemo<ChartConfiguration<'bar'>>(
    () => ({
      type: 'bar',
      data: {
        labels,
        datasets: (
          [
            [B.checkedIn, 'checkedIn', PALETTE[1]],
            [B.late, 'late', PALETTE[3]],
            [B.noShow, 'noShow', PALETTE[2]],
            [B.cancelled, 'cancelled', '#c4ccd6'],
          ] as const
        ).map(([m, k, color]) => ({ label: m.vi, data: r.rows.map((x) => x[k]), backgroundColor: color })),
      },
      options: {
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      },
    }),
    [r],
  );
  return (
    <div className="ad-charts">
      <ChartCard title={B.waitsChart} config={waits} testId="chart-booking-waits" />
      <ChartCard title={B.bookingsChart} config={outcomes} testId="chart-booking-outcomes" />
    </div>
  );
}
