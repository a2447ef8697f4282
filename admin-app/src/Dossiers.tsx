import { useState } from 'react';
import {
  DOSSIER_STATUS_LABELS,
  type DossierList,
  type DossierRecord,
  type DossierView,
} from '@layso/protocol';
import { Bi, Button, format, formatDateTime, vietnamDay } from '@layso/ui-kit';
import { useAdmin } from './context.js';
import { D, VIEWS } from './dossier-messages.js';
import { ProgressBlock } from './DossierProgress.js';
import { A } from './messages.js';
import { DataTable, DayRange, Field, Page, Problem, saveFile, useAction, useLoad } from './parts.js';

const DAY_MS = 86_400_000;
/** Whole calendar days from `from` to `to` (Vietnam days, as the server counts). */
const daysBetween = (from: string, to: Date): number =>
  Math.round((Date.parse(vietnamDay(to)) - Date.parse(vietnamDay(from))) / DAY_MS);

const viewFromHash = (hash: string): DossierView =>
  VIEWS.find((v) => hash.endsWith(`/${v.id}`))?.id ?? 'overdue';

/**
 * "Hồ sơ / Dossiers": the register by deadline — overdue, due today, due the next working day, results not
 * collected, resolved late, all — by receiving service and officer, with an XLSX of the list; and Decision 766's
 * progress figures (the on-time rate) over a range of days.
 */
export function Dossiers() {
  const { api } = useAdmin();
  // `#dossiers/<view>` opens that list (the floor monitor's alerts link to theirs).
  const [view, setView] = useState<DossierView>(() => viewFromHash(location.hash));
  const [serviceId, setServiceId] = useState<number | null>(null);
  const [officerId, setOfficerId] = useState<number | null>(null);
  const services = useLoad(() => api.adminServices(), [api]);
  const users = useLoad(() => api.users(), [api]);
  const filter = { view, ...(serviceId ? { serviceId } : {}), ...(officerId ? { officerId } : {}) };
  const list = useLoad(() => api.dossiers(filter), [api, view, serviceId, officerId]);
  const download = useAction();

  return (
    <Page
      title={D.nav}
      testId="page-dossiers"
      actions={
        <Button
          variant="secondary"
          busy={download.busy}
          testId="dossiers-xlsx"
          onClick={() =>
            void download.run(() => api.dossiersFile(filter)).then((got) => got && saveFile(got))
          }
        >
          <Bi m={A.downloadXlsx} single />
        </Button>
      }
    >
      <p className="ad-intro">{D.intro.vi}</p>
      <div className="ad-card ad-dossier-filters">
        <Field label={D.service}>
          <select
            name="serviceId"
            value={serviceId ?? ''}
            onChange={(e) => setServiceId(e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">{D.allServices.vi}</option>
            {(services.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={D.officer}>
          <select
            name="officerId"
            value={officerId ?? ''}
            onChange={(e) => setOfficerId(e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">{D.allOfficers.vi}</option>
            {(users.data ?? [])
              .filter((u) => u.role === 'officer')
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName}
                </option>
              ))}
          </select>
        </Field>
        <Button variant="ghost" onClick={list.reload} testId="dossiers-refresh">
          <Bi m={A.refresh} single />
        </Button>
      </div>
      <div className="ad-tabs" role="tablist" aria-label={D.nav.vi}>
        {VIEWS.map((v) => (
          <button
            key={v.id}
            type="button"
            role="tab"
            aria-selected={v.id === view}
            className={v.id === view ? 'ad-tab ad-tab-on' : 'ad-tab'}
            data-testid={`dossiers-tab-${v.id}`}
            onClick={() => {
              setView(v.id);
              // The address names the list, so a reload or a bookmark opens it again.
              history.replaceState(null, '', `#dossiers/${v.id}`);
            }}
          >
            <Bi m={v.m} />
          </button>
        ))}
      </div>
      <Problem error={list.error ?? download.error} />
      {list.data && list.data.view === view ? <ListView list={list.data} /> : <p>{A.loading.vi}</p>}
      <ProgressRange />
    </Page>
  );
}

function ListView({ list }: { list: DossierList }) {
  const now = new Date(list.at);
  return (
    <section className="ad-dossier-list" data-testid="dossiers-list">
      <p className="ad-dossier-count" data-testid="dossiers-count">
        <Bi m={format(D.count, { n: list.total })} single />
        {list.view === 'uncollected' ? (
          <small> · {format(D.uncollectedRule, { n: list.uncollectedAlertDays }).vi}</small>
        ) : null}
      </p>
      {list.dossiers.length === 0 ? (
        <p className="ad-card">
          <Bi m={D.empty} />
        </p>
      ) : (
        <DataTable
          testId="dossiers-table"
          columns={[
            D.code,
            D.procedure,
            D.officer,
            D.received,
            D.appointment,
            D.status,
            D.resultReady,
            D.returned,
          ]}
        >
          {list.dossiers.map((d) => (
            <Row key={d.code} d={d} now={now} />
          ))}
        </DataTable>
      )}
      {list.total > list.dossiers.length ? (
        <p className="ad-hint">{format(D.shown, { shown: list.dossiers.length, total: list.total }).vi}</p>
      ) : null}
    </section>
  );
}

function Row({ d, now }: { d: DossierRecord; now: Date }) {
  const label = DOSSIER_STATUS_LABELS[d.status] ?? { vi: String(d.status), en: String(d.status) };
  const waiting = d.resultReadyAt && !d.returnedAt ? daysBetween(d.resultReadyAt, now) : 0;
  return (
    <tr className={d.overdue ? 'ad-dossier-overdue' : undefined} data-testid="dossier-row">
      <td className="ad-code">{d.code}</td>
      <td>
        {d.procedureName ?? '—'}
        {d.serviceName ? <small>{d.serviceName}</small> : null}
      </td>
      <td>{d.receivingOfficer ?? '—'}</td>
      <td>{formatDateTime(d.receivedAt)}</td>
      <td>
        {formatDateTime(d.appointmentAt)}
        {d.overdue && d.appointmentAt ? (
          <small className="ad-late">
            {format(D.overdueBy, { n: Math.max(1, daysBetween(d.appointmentAt, now)) }).vi}
          </small>
        ) : null}
      </td>
      <td>
        <Bi m={label} single />
        <small>{format(D.learnt, { time: formatDateTime(d.statusLearntAt) }).vi}</small>
        {d.reason ? <small>{d.reason}</small> : null}
      </td>
      <td>
        {formatDateTime(d.resultReadyAt)}
        {waiting > 0 ? <small>{format(D.waitingFor, { n: waiting }).vi}</small> : null}
      </td>
      <td>{formatDateTime(d.returnedAt)}</td>
    </tr>
  );
}

/** The progress figures over a range (this month by default). */
function ProgressRange() {
  const { api } = useAdmin();
  const today = vietnamDay(new Date());
  const [from, setFrom] = useState<string | null>(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState<string | null>(today);
  const progress = useLoad(
    () => (from && to ? api.dossierProgress({ from, to }) : Promise.resolve(null)),
    [api, from, to],
  );
  return (
    <>
      <form className="ad-card ad-report-form" onSubmit={(e) => e.preventDefault()}>
        <DayRange from={from} to={to} today={today} onFrom={setFrom} onTo={setTo} />
      </form>
      <Problem error={progress.error} />
      {progress.data ? <ProgressBlock p={progress.data} /> : null}
    </>
  );
}
