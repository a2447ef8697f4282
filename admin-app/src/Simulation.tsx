import { useEffect, useState } from 'react';
import { SIM_LIMITS, type SimAddition, type SimulationJob } from '@layso/protocol';
import { ApiError, Banner, Bi, Button, TimeField, format, type Bilingual } from '@layso/ui-kit';
import { useAdmin } from './context.js';
import { DAY_NAMES, Field, Page, Problem, useAction, useLoad } from './parts.js';
import { SimulationResult } from './SimulationResult.js';
import { BookedShares, bookedShares, type BookedRow } from './SimulationBooked.js';
import { S } from './simulation-messages.js';

const POLL_MS = 300;
/** Polls that may fail in a row (a network blip) before the page says it lost the run. */
const POLL_RETRIES = 10;

interface AddRow {
  service: string;
  /** As typed: checked when the run starts. */
  count: string;
  /** `HH:mm`, '' for none, null while the field holds text that is not a time. */
  from: string | null;
  to: string | null;
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
  const [target, setTarget] = useState('15');
  const [rows, setRows] = useState<AddRow[]>([]);
  const [closed, setClosed] = useState<number[]>([]);
  const [bookedRows, setBookedRows] = useState<BookedRow[]>([]);
  const [job, setJob] = useState<SimulationJob | null>(null);
  const [formError, setFormError] = useState<Bilingual | null>(null);
  const [pollError, setPollError] = useState<unknown>(null);
  const start = useAction();
  const s = setup.data;

  // The first row and weekday follow the model once it is known.
  useEffect(() => {
    if (!s) return;
    setRows((r) =>
      r.length > 0 ? r : [{ service: s.services[0]?.code ?? '', count: '1', from: '', to: '' }],
    );
    setWeekday((d) => (s.weekdays.includes(d) ? d : (s.weekdays[0] ?? 1)));
  }, [s]);

  // A running job is followed until it ends (it moves one simulated day at a time on the server).
  const running = job?.state === 'running' ? job.id : null;
  useEffect(() => {
    if (!running) return;
    let live = true;
    let failures = 0;
    let timer: ReturnType<typeof setTimeout>;
    const poll = () => {
      api.simulation(running).then(
        (j) => {
          if (!live) return;
          failures = 0;
          setPollError(null);
          setJob(j);
          if (j.state === 'running') timer = setTimeout(poll, POLL_MS);
        },
        (e: unknown) => {
          if (!live) return;
          setPollError(e);
          // The server forgot the run (it restarted): nothing to follow. A blip: try again, a little later.
          const gone = e instanceof ApiError && e.code === 'LAYSO_SIM_NOT_FOUND';
          failures += 1;
          if (gone || failures > POLL_RETRIES) setJob(null);
          else timer = setTimeout(poll, POLL_MS * 2 * failures);
        },
      );
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, running]);

  const run = async () => {
    setFormError(null);
    setPollError(null);
    const targetMinutes = Number(target);
    if (!Number.isInteger(targetMinutes) || targetMinutes < 1 || targetMinutes > 480)
      return setFormError(S.badTarget);
    const add: SimAddition[] = [];
    for (const [i, r] of rows.entries()) {
      const count = Number(r.count);
      if (!Number.isInteger(count) || count < 1 || count > SIM_LIMITS.addedCounters)
        return setFormError(format(S.badCount, { row: i + 1, max: SIM_LIMITS.addedCounters }));
      const { from, to } = r;
      const hours = from !== '' || to !== '';
      if (hours && (!from || !to || to <= from)) return setFormError(format(S.badTime, { row: i + 1 }));
      add.push({
        services: [r.service],
        count,
        ...(from && to ? { spans: [{ open: from, close: to }] } : {}),
      });
    }
    const booked = bookedShares(bookedRows);
    if (typeof booked === 'number') return setFormError(format(S.badPercent, { row: booked }));
    if (add.length === 0 && closed.length === 0 && booked.length === 0) return setFormError(S.nothingChanged);
    // The server's cap is on the plan's added counters in all, not per row.
    if (add.reduce((n, a) => n + a.count, 0) > SIM_LIMITS.addedCounters)
      return setFormError(format(S.tooManyCounters, { max: SIM_LIMITS.addedCounters }));
    const j = await start.run(() =>
      api.startSimulation({ weekday, replications: days, targetMinutes, add, close: closed, booked }),
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
            <Bi
              m={format(s.source === 'history' ? S.fromHistory : S.fromProfile, {
                weeks: s.historyWeeks,
                n: s.historyTickets.toLocaleString('vi-VN'),
              })}
            />
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
                  onChange={(e) => setTarget(e.target.value)}
                />
              </Field>
            </div>
            <fieldset className="ad-sim-plan">
              <legend>
                <Bi m={S.planB} single />
              </legend>
              <h3 className="ad-sim-sub">
                <Bi m={S.addCounters} single />
              </h3>
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
                      max={SIM_LIMITS.addedCounters}
                      value={r.count}
                      onChange={(e) => setRow(i, { count: e.target.value })}
                    />
                  </Field>
                  <TimeField
                    className="ad-field"
                    label={S.from}
                    placeholder="--:--"
                    name="from"
                    value={r.from}
                    onChange={(v) => setRow(i, { from: v })}
                  />
                  <TimeField
                    endOfDay
                    className="ad-field"
                    label={S.to}
                    placeholder="--:--"
                    name="to"
                    value={r.to}
                    onChange={(v) => setRow(i, { to: v })}
                  />
                  <Button
                    variant="ghost"
                    onClick={() => setRows((rs) => rs.filter((_, k) => k !== i))}
                    testId={`sim-remove-${i}`}
                    label={format(S.removeRow, { row: i + 1 }).vi}
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
                      { service: s.services[0]?.code ?? '', count: '1', from: '', to: '' },
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
              <BookedShares rows={bookedRows} setRows={setBookedRows} services={s.services} />
            </fieldset>
            {formError ? <Banner tone="warning" title={formError} testId="sim-form-error" /> : null}
            <Problem error={start.error} />
            <Problem error={pollError} testId="sim-poll-error" />
            <div className="ad-sim-go">
              <Button type="submit" busy={start.busy || !!running} testId="sim-run">
                <Bi m={S.run} single />
              </Button>
              {job?.state === 'running' ? (
                <span className="ad-sim-progress" data-testid="sim-progress">
                  <progress max={job.total} value={job.done} aria-label={S.progress.vi} />
                  {format(S.running, { percent: Math.floor((100 * job.done) / Math.max(1, job.total)) }).vi}
                </span>
              ) : null}
            </div>
          </form>
          {job?.state === 'failed' && job.error ? (
            <Banner tone="danger" title={S.failed} detail={job.error} testId="sim-failed" />
          ) : null}
          {job?.state === 'done' && job.result ? <SimulationResult r={job.result} setup={s} /> : null}
        </>
      ) : null}
    </Page>
  );
}
