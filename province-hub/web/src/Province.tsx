import { useState } from 'react';
import { sortHubRows, type HubOverview, type HubOverviewSort, type HubSiteRow } from '@layso/protocol';
import { Bi } from '@layso/ui-kit';
import { ago, duration, H } from './messages.js';

/** The province at a glance: a summary, then one row per site — the worst first, silent ones marked. */
export function Province({ overview }: { overview: HubOverview }) {
  const [commune, setCommune] = useState('');
  const [sort, setSort] = useState<HubOverviewSort>('wait');
  const shown = sortHubRows(
    overview.rows.filter((r) => !commune || r.commune === commune),
    sort,
  );
  return (
    <main className="hub-main">
      <Summary rows={shown} />
      <div className="hub-tools">
        <label>
          <Bi m={H.commune} single />
          <select value={commune} onChange={(e) => setCommune(e.target.value)} data-testid="commune-filter">
            <option value="">{H.allCommunes.vi}</option>
            {overview.communes.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          <Bi m={H.sortBy} single />
          <select
            value={sort}
            onChange={(e) => setSort(e.target.value === 'name' ? 'name' : 'wait')}
            data-testid="sort"
          >
            <option value="wait">{H.sortWait.vi}</option>
            <option value="name">{H.sortName.vi}</option>
          </select>
        </label>
      </div>
      {shown.length === 0 ? (
        <p className="hub-empty">
          <Bi m={H.noSites} />
        </p>
      ) : (
        <table className="hub-table" data-testid="sites">
          <thead>
            <tr>
              {[
                H.site,
                H.waitingNow,
                H.longestWait,
                H.openCounters,
                H.servedToday,
                H.satisfaction,
                H.faults,
                H.lastHeard,
              ].map((m) => (
                <th key={m.en} scope="col">
                  <Bi m={m} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <SiteRow key={r.siteId} row={r} />
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

function Summary({ rows }: { rows: readonly HubSiteRow[] }) {
  const sum = (f: (r: HubSiteRow) => number) => rows.reduce((n, r) => n + f(r), 0);
  const stale = rows.filter((r) => r.stale).length;
  const worst = Math.max(-1, ...rows.filter((r) => !r.stale).map((r) => r.longestWaitSeconds ?? -1));
  const rated = sum((r) => r.ratingsToday);
  const satisfied = sum((r) => ((r.satisfiedPercent ?? 0) * r.ratingsToday) / 100);
  const cards: [typeof H.sites, string, string?][] = [
    [H.sites, String(rows.length)],
    [H.staleSites, String(stale), stale > 0 ? 'hub-card-alarm' : undefined],
    [H.waitingNow, String(sum((r) => r.waiting))],
    [H.longestWait, worst < 0 ? '—' : duration(worst).vi],
    [H.servedToday, String(sum((r) => r.servedToday))],
    [H.satisfaction, rated > 0 ? `${Math.round((100 * satisfied) / rated)}%` : '—'],
    [H.faults, String(sum((r) => r.openFaults)), sum((r) => r.openFaults) > 0 ? 'hub-card-warn' : undefined],
  ];
  return (
    <section className="hub-summary" data-testid="summary">
      {cards.map(([label, value, tone]) => (
        <div key={label.en} className={`hub-card ${tone ?? ''}`}>
          <span className="hub-card-value">{value}</span>
          <Bi m={label} />
        </div>
      ))}
    </section>
  );
}

function SiteRow({ row }: { row: HubSiteRow }) {
  const open = () => {
    location.hash = `#/${row.code}`;
  };
  return (
    <tr
      className={row.stale ? 'hub-row-stale' : undefined}
      data-testid={`site-${row.code}`}
      tabIndex={0}
      onClick={open}
      onKeyDown={(e) => {
        if (e.key === 'Enter') open();
      }}
    >
      <th scope="row">
        <a href={`#/${row.code}`}>{row.name}</a>
        <small>{row.commune}</small>
        {row.stale ? (
          <span className="hub-stale-tag">
            <Bi m={H.stale} single />
          </span>
        ) : null}
      </th>
      <Cell label={H.waitingNow} value={String(row.waiting)} testId="waiting" />
      <Cell
        label={H.longestWait}
        value={row.longestWaitSeconds === null ? '—' : duration(row.longestWaitSeconds).vi}
      />
      <Cell label={H.openCounters} value={String(row.openCounters)} />
      <Cell label={H.servedToday} value={String(row.servedToday)} testId="served" />
      <Cell label={H.satisfaction} value={row.satisfiedPercent === null ? '—' : `${row.satisfiedPercent}%`} />
      <Cell label={H.faults} value={String(row.openFaults)} warn={row.openFaults > 0} />
      <Cell
        label={H.lastHeard}
        value={row.lastHeardAt ? ago(row.lastHeardAt, row.asOf).vi : H.never.vi}
        extra={row.backlog > 0 ? `${H.backlog.vi}: ${row.backlog}` : undefined}
      />
    </tr>
  );
}

/** A figure; on a phone the table folds into cards and `data-label` names each figure. */
function Cell({
  label,
  value,
  warn = false,
  extra,
  testId,
}: {
  label: { vi: string; en: string };
  value: string;
  warn?: boolean;
  extra?: string;
  testId?: string;
}) {
  return (
    <td data-label={label.vi} className={warn ? 'hub-warn' : undefined} data-testid={testId}>
      {value}
      {extra ? <small>{extra}</small> : null}
    </td>
  );
}
