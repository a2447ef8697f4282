import { useMemo, useState } from 'react';
import type { HubReportReply } from '@layso/protocol';
import { Bi, format } from '@layso/ui-kit';
import { ChartCard, PALETTE, type ChartConfig } from '@layso/ui-kit/charts';
import { P } from './page-messages.js';

const WEEKDAYS = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'];
/** The charts name at most this many sites: 125 bars side by side read as nothing. */
const CHART_SITES = 15;

/** The hours worth a column: office hours, widened to any hour that had arrivals. */
function hoursShown(r: HubReportReply): number[] {
  const busy = r.byHour.filter((c) => c.arrivals > 0).map((c) => c.hour);
  const lo = Math.min(7, ...busy);
  const hi = Math.max(17, ...busy);
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

/** Arrivals by hour, the ratings, and served / no-shows at the busiest sites (Chart.js, as the center's reports). */
export function ReportCharts({ r }: { r: HubReportReply }) {
  const byHour = useMemo<ChartConfig>(() => {
    const hours = hoursShown(r);
    return {
      type: 'bar',
      data: {
        labels: hours.map((h) => `${h}h`),
        datasets: [
          {
            label: P.arrivalsByHour.vi,
            data: hours.map((h) => r.byHour.filter((c) => c.hour === h).reduce((n, c) => n + c.arrivals, 0)),
            backgroundColor: PALETTE[0],
          },
        ],
      },
      options: {
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    };
  }, [r]);
  const ratings = useMemo<ChartConfig>(() => {
    const x = r.totals.ratings;
    return {
      type: 'doughnut',
      data: {
        labels: [P.verySatisfied.vi, P.satisfied.vi, P.unsatisfied.vi],
        datasets: [
          {
            data: [x.verySatisfied, x.satisfied, x.unsatisfied],
            backgroundColor: [PALETTE[1], PALETTE[0], PALETTE[2]],
          },
        ],
      },
      options: { plugins: { legend: { position: 'right' } } },
    };
  }, [r]);
  const sites = useMemo<ChartConfig>(() => {
    const top = [...r.bySite].sort((a, b) => b.issued - a.issued).slice(0, CHART_SITES);
    return {
      type: 'bar',
      data: {
        labels: top.map((s) => s.name),
        datasets: [
          { label: P.served.vi, data: top.map((s) => s.served), backgroundColor: PALETTE[1] },
          { label: P.noShow.vi, data: top.map((s) => s.noShow), backgroundColor: PALETTE[2] },
        ],
      },
      options: {
        indexAxis: 'y',
        scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } },
      },
    };
  }, [r]);
  const siteTitle =
    r.bySite.length > CHART_SITES
      ? {
          vi: `${P.servedBySite.vi} (${format(P.topSites, { n: CHART_SITES }).vi})`,
          en: `${P.servedBySite.en} (${format(P.topSites, { n: CHART_SITES }).en})`,
        }
      : P.servedBySite;
  return (
    <div className="hub-charts">
      <ChartCard title={P.arrivalsByHour} config={byHour} testId="chart-hours" className="hub-panel" />
      <ChartCard title={P.satisfaction} config={ratings} testId="chart-ratings" className="hub-panel" />
      <ChartCard title={siteTitle} config={sites} testId="chart-sites" className="hub-panel hub-wide" />
    </div>
  );
}

/** Weekday × hour: arrivals, or the average wait of those who arrived then; darker is more. */
export function HeatTable({ r }: { r: HubReportReply }) {
  const [what, setWhat] = useState<'arrivals' | 'wait'>('arrivals');
  const hours = hoursShown(r);
  const value = (weekday: number, hour: number): number | null => {
    const c = r.byHour.find((x) => x.weekday === weekday && x.hour === hour);
    if (!c) return null;
    if (what === 'arrivals') return c.arrivals || null;
    return c.avgWaitSeconds === null ? null : Math.round(c.avgWaitSeconds / 60);
  };
  const all = r.byHour.map((c) => value(c.weekday, c.hour) ?? 0);
  const max = Math.max(1, ...all);
  return (
    <figure className="hub-panel hub-heat-wrap">
      <figcaption className="hub-heat-head">
        <Bi m={P.heat} single />
        <span className="hub-toggle" role="group">
          {(['arrivals', 'wait'] as const).map((k) => (
            <button
              key={k}
              type="button"
              aria-pressed={what === k}
              onClick={() => setWhat(k)}
              data-testid={`heat-${k}`}
            >
              {(k === 'arrivals' ? P.heatArrivals : P.heatWait).vi}
            </button>
          ))}
        </span>
      </figcaption>
      <div className="hub-scroll">
        <table className="hub-heat" data-testid="report-heat">
          <thead>
            <tr>
              <th />
              {hours.map((h) => (
                <th key={h} scope="col">
                  {h}h
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {WEEKDAYS.map((w, i) => (
              <tr key={w}>
                <th scope="row">{w}</th>
                {hours.map((h) => {
                  const n = value(i + 1, h);
                  const level = n === null || n === 0 ? 0 : Math.ceil((n / max) * 5);
                  return (
                    <td key={h} className={`hub-heat-${level}`} title={`${w} ${h}h: ${n ?? 0}`}>
                      {n ?? ''}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
