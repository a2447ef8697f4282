import { useEffect, useMemo, useState } from 'react';
import type { ChartConfiguration } from 'chart.js';
import type {
  SimAddition,
  SimComparison,
  SimServiceSummary,
  SimulationJob,
  SimulationSetup,
} from '@layso/protocol';
import { Banner, Bi, Button, format } from '@layso/ui-kit';
import { ChartView, PALETTE } from './charts.js';
import { useAdmin } from './context.js';
import { DAY_NAMES, DataTable, Field, Page, Problem, TIME, useAction, useLoad } from './parts.js';
import { S } from './simulation-messages.js';

const WEEKS = 8;
const POLL_MS = 300;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Minutes with one decimal, Vietnamese style (12,5); a dash when there is no figure. */
const min = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : x.toLocaleString('vi-VN', { maximumFractionDigits: 1 });
const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`;
const signed = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : `${x > 0 ? '+' : x < 0 ? '−' : '±'}${min(Math.abs(x))}`;

interface AddRow {
  service: string;
  count: number;
  from: string;
  to: string;
}

/**
 * What-if staffing: today's counters (A) against the director's changes (B) — counters added for a service for
 * some hours, existing counters closed — on the same simulated days; the answer in minutes of waiting, by service.
 */
export function Simulation() {
  const { api } = useAdmin();
  const setup = useLoad(() => api.simulationSetup(), []);
  const [weekday, setWeekday] = useState(1);
  const [days, setDays] = useState(30);
  const [target, setTarget] = useState(15);
  const [rows, setRows] = useState<AddRow[]>([]);
  const [closed, setClosed] = useState<number[]>([]);
  const [job, setJob] = useState<SimulationJob | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const start = useAction();
  const s = setup.data;

  // The first row and weekday follow the model once it is known.
  useEffect(() => {
    if (!s) return;
    setRows((r) => (r.length > 0 ? r : [{ service: s.services[0]?.code ?? '', count: 1, from: '', to: '' }]));
    setWeekday((d) => (s.weekdays.includes(d) ? d : (s.weekdays[0] ?? 1)));
  }, [s]);

  // A running job is followed until it ends (it moves one simulated day at a time on the server).
  const running = job?.state === 'running' ? job.id : null;
  useEffect(() => {
    if (!running) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const poll = () => {
      api.simulation(running).then(
        (j) => {
          if (!live) return;
          setJob(j);
          if (j.state === 'running') timer = setTimeout(poll, POLL_MS);
        },
        (e: unknown) => live && (start.clear(), setJob(null), setFormError(String(e))),
      );
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, running, start]);

  const run = async () => {
    setFormError(null);
    const add: SimAddition[] = [];
    for (const [i, r] of rows.entries()) {
      if (!r.service || r.count < 1) continue;
      const hours = r.from.trim() || r.to.trim();
      if (hours && (!HHMM.test(r.from) || !HHMM.test(r.to) || r.to <= r.from))
        return setFormError(format(S.badTime, { row: i + 1 }).vi);
      add.push({
        services: [r.service],
        count: r.count,
        ...(hours ? { spans: [{ open: r.from, close: r.to }] } : {}),
      });
    }
    if (add.length === 0 && closed.length === 0) return setFormError(S.nothingChanged.vi);
    const j = await start.run(() =>
      api.startSimulation({ weekday, replications: days, targetMinutes: target, add, close: closed }),
    );
    if (j) setJob(j);
  };
  const setRow = (i: number, patch: Partial<AddRow>) =>
    setRows((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));

  return (
    <Page title={S.nav} testId="page-simulation">
      <p className="ad-lead">
        <Bi m={S.intro} />
      </p>
      <Problem error={setup.error} />
      {s ? (
        <>
          <p className="ad-hint" data-testid="sim-source" data-source={s.source}>
            {
              format(s.source === 'history' ? S.fromHistory : S.fromProfile, {
                weeks: WEEKS,
                n: s.historyTickets.toLocaleString('vi-VN'),
              }).vi
            }
          </p>
          <form
            className="ad-card ad-sim-form"
            data-testid="sim-form"
            onSubmit={(e) => {
              e.preventDefault();
              void run();
            }}
          >
            <div className="ad-sim-options">
              <Field label={S.weekday}>
                <select name="weekday" value={weekday} onChange={(e) => setWeekday(Number(e.target.value))}>
                  {DAY_NAMES.map((d, i) => (
                    <option key={d} value={i + 1} disabled={!s.weekdays.includes(i + 1)}>
                      {d}
                      {s.weekdays.includes(i + 1) ? '' : ` ${S.noArrivals.vi}`}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={S.days}>
                <select name="days" value={days} onChange={(e) => setDays(Number(e.target.value))}>
                  {[10, 30, 100].map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={S.target}>
                <input
                  type="number"
                  name="target"
                  min={1}
                  max={480}
                  value={target}
                  onChange={(e) => setTarget(Number(e.target.value))}
                />
              </Field>
            </div>
            <fieldset className="ad-sim-plan">
              <legend>
                <Bi m={S.planB} single /> — <Bi m={S.addCounters} single />
              </legend>
              {rows.map((r, i) => (
                <div className="ad-sim-row" key={i} data-testid={`sim-add-${i}`}>
                  <Field label={S.service}>
                    <select
                      name="service"
                      value={r.service}
                      onChange={(e) => setRow(i, { service: e.target.value })}
                    >
                      {s.services.map((x) => (
                        <option key={x.code} value={x.code}>
                          {x.code} — {x.name}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <Field label={S.count}>
                    <input
                      type="number"
                      name="count"
                      min={1}
                      max={50}
                      value={r.count}
                      onChange={(e) => setRow(i, { count: Number(e.target.value) })}
                    />
                  </Field>
                  <Field label={S.from}>
                    <input
                      {...TIME}
                      placeholder="--:--"
                      name="from"
                      value={r.from}
                      onChange={(e) => setRow(i, { from: e.target.value })}
                    />
                  </Field>
                  <Field label={S.to}>
                    <input
                      {...TIME}
                      placeholder="--:--"
                      name="to"
                      value={r.to}
                      onChange={(e) => setRow(i, { to: e.target.value })}
                    />
                  </Field>
                  <Button
                    variant="ghost"
                    onClick={() => setRows((rs) => rs.filter((_, k) => k !== i))}
                    testId={`sim-remove-${i}`}
                  >
                    <Bi m={S.remove} single />
                  </Button>
                </div>
              ))}
              <small className="ad-hint">{S.allDay.vi}</small>
              <div>
                <Button
                  variant="secondary"
                  onClick={() =>
                    setRows((rs) => [
                      ...rs,
                      { service: s.services[0]?.code ?? '', count: 1, from: '', to: '' },
                    ])
                  }
                  testId="sim-add-row"
                >
                  <Bi m={S.addRow} single />
                </Button>
              </div>
              <details className="ad-sim-close">
                <summary>{format(S.closeCounters, { n: s.current.counters.length }).vi}</summary>
                <div className="ad-sim-counters">
                  {s.current.counters.map((c) => (
                    <label key={c.number}>
                      <input
                        type="checkbox"
                        name={`close-${c.number}`}
                        checked={closed.includes(c.number)}
                        onChange={(e) =>
                          setClosed((cs) =>
                            e.target.checked ? [...cs, c.number] : cs.filter((n) => n !== c.number),
                          )
                        }
                      />
                      {format(S.counterN, { n: c.number }).vi} · {c.services.join(', ')}
                    </label>
                  ))}
                </div>
              </details>
            </fieldset>
            {formError ? (
              <Banner tone="warning" title={{ vi: formError, en: formError }} testId="sim-form-error" />
            ) : null}
            <Problem error={start.error} />
            <div className="ad-sim-go">
              <Button type="submit" busy={start.busy || !!running} testId="sim-run">
                <Bi m={S.run} single />
              </Button>
              {job?.state === 'running' ? (
                <span className="ad-sim-progress" role="status" data-testid="sim-progress">
                  <progress max={job.total} value={job.done} />
                  {format(S.running, { done: job.done, total: job.total }).vi}
                </span>
              ) : null}
            </div>
          </form>
          {job?.state === 'failed' && job.error ? (
            <Banner tone="danger" title={S.failed} detail={job.error} testId="sim-failed" />
          ) : null}
          {job?.state === 'done' && job.result ? <Result r={job.result} setup={s} /> : null}
        </>
      ) : null}
    </Page>
  );
}

function Result({ r, setup }: { r: SimComparison; setup: SimulationSetup }) {
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
  const meanUtil = (xs: { utilisation: number | null }[]) =>
    xs.reduce((n, c) => n + (c.utilisation ?? 0), 0) / Math.max(1, xs.length);
  const e = r.a.estimate.overall;
  return (
    <div className="ad-report" data-testid="sim-result">
      <h2 className="ad-report-title">
        {format(S.resultTitle, { day: DAY_NAMES[r.a.weekday - 1]!, n: r.a.replications }).vi}
      </h2>
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
              <td className="num">{min(b?.leftWaiting)}</td>
            </tr>
          );
        })}
      </DataTable>
      <p className="ad-hint">{S.ciNote.vi}</p>
      <p data-testid="sim-utilisation">
        {format(S.utilisation, { a: pct(meanUtil(r.a.counters)), b: pct(meanUtil(r.b.counters)) }).vi}
      </p>
      <p data-testid="sim-estimate">
        {format(S.estimate, { median: min(e.medianAbs), p90: min(e.p90Abs) }).vi}
      </p>
      <p className="ad-hint">{S.caveat.vi}</p>
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
      <figure className="ad-card">
        <figcaption>
          <Bi m={S.meanByService} single />
        </figcaption>
        <ChartView config={byService} label={S.meanByService.vi} testId="sim-chart-services" />
      </figure>
      <figure className="ad-card">
        <figcaption>
          <Bi m={S.queueByHour} single />
        </figcaption>
        <ChartView config={byHour} label={S.queueByHour.vi} testId="sim-chart-hours" />
      </figure>
    </div>
  );
}
