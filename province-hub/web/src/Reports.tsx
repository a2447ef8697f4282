import { useEffect, useState } from 'react';
import {
  HUB_WAIT_TARGETS,
  type HubReportFigures,
  type HubReportReply,
  type HubSiteRow,
  type HubWaitTarget,
} from '@layso/protocol';
import {
  Bi,
  Button,
  DateField,
  format,
  formatDate,
  percent,
  Problem,
  saveFile,
  useAction,
  vietnamDay,
  type Bilingual,
  type HubApi,
} from '@layso/ui-kit';
import { duration } from './messages.js';
import { P } from './page-messages.js';
import { ReportCharts, HeatTable } from './report-charts.js';
import { SitePicker } from './SitePicker.js';
import './reports.css';

const wait = (s: number | null) => (s === null ? '—' : duration(Math.round(s)).vi);

/**
 * The province's report over a range of days and a set of sites (only those this viewer may see — the live rows'
 * sites): totals, by site beside the site's own totals, by service, weekday × hour, charts; XLSX and CSV.
 */
export function Reports({ api, sites }: { api: HubApi; sites: readonly HubSiteRow[] }) {
  const today = vietnamDay(new Date());
  // null while a field holds text that is not a date: nothing is asked of the server then (the field says why).
  const [from, setFrom] = useState<string | null>(today);
  const [to, setTo] = useState<string | null>(today);
  const [chosen, setChosen] = useState<readonly number[]>([]);
  const [target, setTarget] = useState<HubWaitTarget>(15);
  const [report, setReport] = useState<HubReportReply | null>(null);
  const pickable = sites.map((s) => ({ id: s.siteId, code: s.code, name: s.name, commune: s.commune }));
  const load = useAction();
  const download = useAction();
  const range = (f: string, t: string) => ({ from: f, to: t, siteIds: chosen, targetWaitMinutes: target });

  const show = async (f = from, t = to) => {
    if (!f || !t) return;
    setFrom(f);
    setTo(t);
    const r = await load.run(() => api.report(range(f, t)));
    if (r) setReport(r);
  };
  // Today's figures at once: the page is opened to be read; the form then asks for other days and sites.
  useEffect(() => {
    void show(today, today);
  }, []); // once, on opening
  const file = async (kind: 'csv' | 'xlsx') => {
    if (!from || !to) return;
    const got = await download.run(() => api.reportFile(range(from, to), kind));
    if (got) saveFile(got);
  };

  return (
    <main className="hub-main hub-page" data-testid="page-reports">
      <form
        className="hub-panel hub-report-form"
        onSubmit={(e) => {
          e.preventDefault();
          void show();
        }}
      >
        <DateField
          className="hub-field"
          label={P.from}
          name="from"
          value={from}
          max={today}
          onChange={setFrom}
        />
        <DateField className="hub-field" label={P.to} name="to" value={to} max={today} onChange={setTo} />
        <label className="hub-field">
          <Bi m={P.target} />
          <select
            name="target"
            value={target}
            onChange={(e) => setTarget(HUB_WAIT_TARGETS.find((t) => String(t) === e.target.value) ?? 15)}
          >
            {HUB_WAIT_TARGETS.map((t) => (
              <option key={t} value={t}>
                {format(P.minutes, { n: t }).vi}
              </option>
            ))}
          </select>
        </label>
        <SitePicker sites={pickable} chosen={chosen} onChange={setChosen} />
        <div className="hub-quick">
          <Button variant="ghost" onClick={() => void show(today, today)} testId="report-today">
            <Bi m={P.today} single />
          </Button>
          <Button variant="ghost" onClick={() => void show(vietnamDay(new Date(), -6), today)}>
            <Bi m={P.last7} single />
          </Button>
          <Button variant="ghost" onClick={() => void show(`${today.slice(0, 8)}01`, today)}>
            <Bi m={P.thisMonth} single />
          </Button>
          <Button type="submit" busy={load.busy} testId="report-show">
            <Bi m={P.show} single />
          </Button>
        </div>
      </form>
      <Problem error={load.error ?? download.error} testId="report-error" />
      {report ? (
        <div className="hub-report" data-testid="report">
          <header className="hub-report-head">
            <h2>
              <Bi
                m={format(P.reportOf, { from: formatDate(report.from), to: formatDate(report.to) })}
                single
              />
            </h2>
            <Button
              variant="secondary"
              busy={download.busy}
              onClick={() => void file('xlsx')}
              testId="report-xlsx"
            >
              <Bi m={P.downloadXlsx} single />
            </Button>
            <Button
              variant="secondary"
              busy={download.busy}
              onClick={() => void file('csv')}
              testId="report-csv"
            >
              <Bi m={P.downloadCsv} single />
            </Button>
          </header>
          <Totals r={report} />
          <ReportCharts r={report} />
          <BySite r={report} />
          <ByService r={report} />
          <HeatTable r={report} />
        </div>
      ) : null}
    </main>
  );
}

function Totals({ r }: { r: HubReportReply }) {
  const t = r.totals;
  const cards: [Bilingual, string, string][] = [
    [P.issued, String(t.issued), 'issued'],
    [P.served, String(t.served), 'served'],
    [P.noShow, String(t.noShow), 'noShow'],
    [P.noShowRate, percent(t.noShowRate), 'noShowRate'],
    [P.avgWait, wait(t.avgWaitSeconds), 'avgWait'],
    [P.maxWait, wait(t.maxWaitSeconds), 'maxWait'],
    [P.avgService, wait(t.avgServiceSeconds), 'avgService'],
    [format(P.withinTarget, { n: r.targetWaitMinutes }), percent(t.servedWithinTarget), 'withinTarget'],
    [P.satisfaction, percent(t.satisfaction), 'satisfaction'],
    [P.received, String(t.dossiers.received), 'received'],
    [P.returned, String(t.dossiers.returned), 'returned'],
    [P.onTime, percent(t.dossiers.onTimeRate), 'onTime'],
  ];
  return (
    <section className="hub-totals">
      {cards.map(([label, value, id]) => (
        <div className="hub-card" key={id} data-testid={`total-${id}`}>
          <span className="hub-card-value">{value}</span>
          <Bi m={label} />
        </div>
      ))}
    </section>
  );
}

/** The columns every group shares (after its name and its issued/served/no-show). */
function figureHeads(target: number): Bilingual[] {
  return [P.avgWait, P.maxWait, format(P.withinTarget, { n: target }), P.satisfaction, P.onTime];
}
function FigureCells({ f }: { f: HubReportFigures }) {
  return (
    <>
      <td>{wait(f.avgWaitSeconds)}</td>
      <td>{wait(f.maxWaitSeconds)}</td>
      <td>{percent(f.servedWithinTarget)}</td>
      <td>{percent(f.satisfaction)}</td>
      <td>{percent(f.dossiers.onTimeRate)}</td>
    </>
  );
}

function Heads({ first, rest }: { first: Bilingual; rest: Bilingual[] }) {
  return (
    <thead>
      <tr>
        {[first, ...rest].map((m) => (
          <th key={m.en} scope="col">
            <Bi m={m} />
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** The hub's figure, and the site's own beside it when the site sent totals: marked when they differ. */
function Pair({ hub, site }: { hub: number; site: number | undefined }) {
  const differs = site !== undefined && site !== hub;
  return (
    <td className={differs ? 'hub-differs' : undefined}>
      {hub}
      {site !== undefined ? <small> ({site})</small> : null}
    </td>
  );
}

function BySite({ r }: { r: HubReportReply }) {
  return (
    <section className="hub-panel">
      <h3>
        <Bi m={P.bySite} />
      </h3>
      <p className="hub-note">
        <Bi m={P.bySiteNote} single />
      </p>
      {r.bySite.length === 0 ? (
        <p className="hub-empty">
          <Bi m={P.noData} single />
        </p>
      ) : (
        <div className="hub-scroll">
          <table className="hub-grid" data-testid="report-sites">
            <Heads
              first={P.site}
              rest={[P.issued, P.served, P.noShow, ...figureHeads(r.targetWaitMinutes)]}
            />
            <tbody>
              {r.bySite.map((s) => (
                <tr key={s.siteId} data-testid={`report-site-${s.code}`}>
                  <th scope="row">
                    {s.name}
                    <small>{s.commune}</small>
                  </th>
                  <Pair hub={s.issued} site={s.siteReported?.issued} />
                  <Pair hub={s.served} site={s.siteReported?.served} />
                  <Pair hub={s.noShow} site={s.siteReported?.noShow} />
                  <FigureCells f={s} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ByService({ r }: { r: HubReportReply }) {
  return (
    <section className="hub-panel">
      <h3>
        <Bi m={P.byService} />
      </h3>
      {r.byService.length === 0 ? (
        <p className="hub-empty">
          <Bi m={P.noData} single />
        </p>
      ) : (
        <div className="hub-scroll">
          <table className="hub-grid" data-testid="report-services">
            <Heads
              first={P.service}
              rest={[P.issued, P.served, P.noShow, ...figureHeads(r.targetWaitMinutes)]}
            />
            <tbody>
              {r.byService.map((s) => (
                <tr key={s.code}>
                  <th scope="row">{s.code || P.noService.vi}</th>
                  <td>{s.issued}</td>
                  <td>{s.served}</td>
                  <td>{s.noShow}</td>
                  <FigureCells f={s} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
