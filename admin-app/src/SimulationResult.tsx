import { useMemo } from 'react';
import type { ChartConfiguration } from 'chart.js';
import type { SimComparison, SimServiceSummary, SimulationSetup } from '@layso/protocol';
import { Bi, format } from '@layso/ui-kit';
import { ChartCard, PALETTE } from './charts.js';
import { DAY_NAMES, DataTable, percent } from './parts.js';
import { S } from './simulation-messages.js';
import { BookedSplit } from './SimulationBooked.js';

/** Minutes with one decimal, Vietnamese style (12,5); a dash when there is no figure. */
const min = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : x.toLocaleString('vi-VN', { maximumFractionDigits: 1 });
const pct = (x: number | null | undefined) => percent(x ?? null, 0);
const signed = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : `${x > 0 ? '+' : x < 0 ? '−' : '±'}${min(Math.abs(x))}`;

/** A finished comparison: the changes in sentences, two charts, the table per service, technical details. */
export function SimulationResult({ r, setup }: { r: SimComparison; setup: SimulationSetup }) {
  const nameOf = (code: string) =>
    code === '*' ? S.all.vi : (setup.services.find((x) => x.code === code)?.name ?? code);
  // The services B changes most, then the whole center: the sentences a director reads first.
  const changed = r.difference
    .filter((d) => d.code !== '*' && d.meanWait !== null && Math.abs(d.meanWait) >= 0.5)
    .sort((x, y) => Math.abs(y.meanWait!) - Math.abs(x.meanWait!))
    .slice(0, 3);
  const headline = (code: string) => {
    const a = code === '*' ? r.a.total : r.a.services.find((x) => x.code === code);
    const b = code === '*' ? r.b.total : r.b.services.find((x) => x.code === code);
    const d = r.difference.find((x) => x.code === code);
    return format(S.headline, {
      name: nameOf(code),
      a: min(a?.meanWait),
      b: min(b?.meanWait),
      d: signed(d?.meanWait),
    });
  };
  // Counters with no figure (never open that day) are left out rather than counted as idle.
  const meanUtil = (xs: { utilisation: number | null }[]) => {
    const known = xs.flatMap((c) => (c.utilisation === null ? [] : [c.utilisation]));
    return known.length === 0 ? null : known.reduce((n, u) => n + u, 0) / known.length;
  };
  const e = r.a.estimate.overall;
  return (
    <div className="ad-report ad-sim-result" data-testid="sim-result">
      <h2 className="ad-report-title">
        {format(S.resultTitle, { day: DAY_NAMES[r.a.weekday - 1]!, n: r.a.replications }).vi}
      </h2>
      <p className="ad-sim-plan-name" data-testid="sim-plan-b">
        {r.b.plan}
      </p>
      <ul className="ad-sim-headlines" data-testid="sim-headlines">
        {[...changed.map((d) => d.code), '*'].map((code) => (
          <li key={code} data-code={code}>
            <Bi m={headline(code)} />
          </li>
        ))}
      </ul>
      <SimCharts r={r} />
      <DataTable
        testId="sim-table"
        columns={[
          S.service,
          { m: S.perDay, num: true },
          { m: S.meanA, num: true },
          { m: S.meanB, num: true },
          { m: S.delta, num: true },
          { m: S.p90A, num: true },
          { m: S.p90B, num: true },
          { m: format(S.withinA, { n: r.a.targetMinutes }), num: true },
          { m: format(S.withinB, { n: r.a.targetMinutes }), num: true },
          { m: S.leftA, num: true },
          { m: S.leftB, num: true },
        ]}
      >
        {[...r.a.services, r.a.total].map((a) => {
          const b: SimServiceSummary | undefined =
            a.code === '*' ? r.b.total : r.b.services.find((x) => x.code === a.code);
          const d = r.difference.find((x) => x.code === a.code);
          const ci = (x: SimServiceSummary | undefined) =>
            x && x.meanWaitCi[0] !== null ? `${min(x.meanWaitCi[0])}–${min(x.meanWaitCi[1])}` : '';
          return (
            <tr key={a.code} data-code={a.code} className={a.code === '*' ? 'ad-total-row' : undefined}>
              <td>{a.code === '*' ? S.all.vi : `${a.code} — ${nameOf(a.code)}`}</td>
              <td className="num">{min(a.issued)}</td>
              <td className="num">
                {min(a.meanWait)}
                <small className="ad-ci">{ci(a)}</small>
              </td>
              <td className="num">
                {min(b?.meanWait)}
                <small className="ad-ci">{ci(b)}</small>
              </td>
              <td
                className={`num ${(d?.meanWait ?? 0) < -0.05 ? 'ad-better' : (d?.meanWait ?? 0) > 0.05 ? 'ad-worse' : ''}`}
              >
                {signed(d?.meanWait)}
              </td>
              <td className="num">{min(a.p90Wait)}</td>
              <td className="num">{min(b?.p90Wait)}</td>
              <td className="num">{pct(a.withinTarget)}</td>
              <td className="num">{pct(b?.withinTarget)}</td>
              <td className="num">{min(a.leftWaiting)}</td>
              <td className="num">{min(b?.leftWaiting)}</td>
            </tr>
          );
        })}
      </DataTable>
      <BookedSplit r={r} nameOf={nameOf} />
      <p data-testid="sim-utilisation">
        <Bi m={format(S.utilisation, { a: pct(meanUtil(r.a.counters)), b: pct(meanUtil(r.b.counters)) })} />
      </p>
      <p className="ad-hint">
        <Bi m={S.caveat} />
      </p>
      <details className="ad-sim-details">
        <summary>
          <Bi m={S.technical} single />
        </summary>
        <p className="ad-hint">
          <Bi m={S.ciNote} />
        </p>
        <p data-testid="sim-estimate">
          <Bi m={format(S.estimate, { median: min(e.medianAbs), p90: min(e.p90Abs) })} />
        </p>
      </details>
    </div>
  );
}

function SimCharts({ r }: { r: SimComparison }) {
  const byService = useMemo<ChartConfiguration<'bar'>>(
    () => ({
      type: 'bar',
      data: {
        labels: r.a.services.map((s) => s.code),
        datasets: [
          { label: S.planA.vi, data: r.a.services.map((s) => s.meanWait), backgroundColor: PALETTE[5] },
          {
            label: S.planBShort.vi,
            data: r.a.services.map((s) => r.b.services.find((x) => x.code === s.code)?.meanWait ?? null),
            backgroundColor: PALETTE[0],
          },
        ],
      },
      options: { scales: { y: { beginAtZero: true } } },
    }),
    [r],
  );
  const byHour = useMemo<ChartConfiguration<'line'>>(() => {
    const hours = [...new Set([...r.a.queueByHour, ...r.b.queueByHour].map((q) => q.hour))].sort(
      (x, y) => x - y,
    );
    const at = (qs: typeof r.a.queueByHour, h: number) => qs.find((q) => q.hour === h)?.waiting ?? 0;
    return {
      type: 'line',
      data: {
        labels: hours.map((h) => `${h}h`),
        datasets: [
          {
            label: S.planA.vi,
            data: hours.map((h) => at(r.a.queueByHour, h)),
            borderColor: PALETTE[5],
            backgroundColor: PALETTE[5],
          },
          {
            label: S.planBShort.vi,
            data: hours.map((h) => at(r.b.queueByHour, h)),
            borderColor: PALETTE[0],
            backgroundColor: PALETTE[0],
          },
        ],
      },
      options: { scales: { y: { beginAtZero: true } } },
    };
  }, [r]);
  return (
    <div className="ad-charts">
      <ChartCard title={S.meanByService} config={byService} testId="sim-chart-services" />
      <ChartCard title={S.queueByHour} config={byHour} testId="sim-chart-hours" />
    </div>
  );
}
