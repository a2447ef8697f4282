import { useEffect, useRef, useState } from 'react';
import type { CatalogueImportReport, Service } from '@layso/protocol';
import { Banner, Bi, Button, format } from '@layso/ui-kit';
import { useAdmin } from './context.js';
import { A } from './messages.js';
import { Field, Page, Problem, useAction, useLoad } from './parts.js';
import { ProvinceBadge, ProvincePanel, useProvince } from './Province.js';
import { provinceLocks } from './province.js';

const MAX_BYTES = 20_000_000;
/** The server lists at most this many unmapped agencies in a report. */
const AGENCY_CAP = 200;

/**
 * The procedures citizens pick at the kiosk: search them, move one to another service (admins), and import the
 * national catalogue (check, map the agencies no rule knew, then save).
 */
export function Procedures() {
  const { api, canEdit } = useAdmin();
  const [q, setQ] = useState('');
  const [onlyUnmapped, setOnlyUnmapped] = useState(false);
  const hits = useLoad(
    () => api.procedures({ q: q.trim() || undefined, unmapped: onlyUnmapped || undefined, limit: 100 }),
    [api, q, onlyUnmapped],
  );
  const services = useLoad(() => api.adminServices(), [api]);
  const province = useProvince();
  const locks = provinceLocks(province.data, services.data ?? []);
  const serviceName = (id: number | null) =>
    services.data?.find((s) => s.id === id)?.name ?? A.unmappedNone.vi;
  /** What this page saved since the list was loaded (procedure id → service id), and the last one saved. */
  const [saved, setSaved] = useState<Record<number, number | null>>({});
  const [lastSaved, setLastSaved] = useState<number | null>(null);
  useEffect(() => {
    setSaved({});
    setLastSaved(null);
  }, [hits.data]);
  const save = useAction();
  const move = async (id: number, serviceId: number | null) => {
    const p = await save.run(() => api.setProcedureService(id, serviceId));
    if (!p) return;
    setSaved((s) => ({ ...s, [p.id]: p.serviceId }));
    setLastSaved(p.id);
  };

  return (
    <Page title={A.navProcedures} testId="page-procedures">
      <ProvincePanel
        province={province.data}
        onPulled={() => {
          province.reload();
          hits.reload();
        }}
      />
      <Import services={services.data ?? []} onImported={() => hits.reload()} />
      <section className="ad-card">
        <div className="ad-proc-filters">
          <Field label={A.searchProcedures}>
            <input type="search" name="q" value={q} onChange={(e) => setQ(e.target.value)} />
          </Field>
          <label className="ad-check">
            <input
              type="checkbox"
              name="unmapped"
              checked={onlyUnmapped}
              onChange={(e) => setOnlyUnmapped(e.target.checked)}
              data-testid="filter-unmapped"
            />
            <Bi m={A.onlyUnmapped} />
          </label>
        </div>
        <Problem error={hits.error} />
        <Problem error={save.error} testId="procedure-error" />
        <div className="ad-scroll">
          <table className="ad-table" data-testid="procedures-table">
            <thead>
              <tr>
                <th>{A.code.vi}</th>
                <th>{A.name.vi}</th>
                <th>{A.service.vi}</th>
              </tr>
            </thead>
            <tbody>
              {(hits.data ?? []).map((p) => {
                const serviceId = p.id in saved ? (saved[p.id] ?? null) : p.serviceId;
                return (
                  <tr key={p.id} data-testid={`procedure-row-${p.id}`}>
                    <td className="ad-mono ad-nowrap">{p.code}</td>
                    <td>
                      {p.name}
                      {locks.procedure(p.code) ? <ProvinceBadge /> : null}
                      {p.agency ? <div className="ad-muted ad-detail">{p.agency}</div> : null}
                    </td>
                    <td className="ad-proc-service">
                      {canEdit ? (
                        <>
                          <ServiceSelect
                            services={services.data ?? []}
                            value={serviceId}
                            label={`${A.service.vi}: ${p.code}`}
                            disabled={save.busy || locks.procedureService(p.code)}
                            testId="procedure-service"
                            onChange={(id) => void move(p.id, id)}
                          />
                          {lastSaved === p.id ? (
                            <span className="ad-good" role="status">
                              ✓ {A.savedShort.vi}
                            </span>
                          ) : null}
                        </>
                      ) : (
                        serviceName(serviceId)
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </Page>
  );
}

function ServiceSelect({
  services,
  value,
  label,
  disabled,
  testId,
  onChange,
}: {
  services: Service[];
  value: number | null;
  label: string;
  disabled?: boolean;
  testId: string;
  onChange: (serviceId: number | null) => void;
}) {
  return (
    <select
      className="ad-select"
      value={value ?? ''}
      aria-label={label}
      disabled={disabled}
      data-testid={testId}
      onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}
    >
      <option value="">{A.notMapped.vi}</option>
      {services.map((s) => (
        <option key={s.id} value={s.id}>
          {s.code} — {s.name}
        </option>
      ))}
    </select>
  );
}

type Picked = { name: string; format: 'csv' | 'json'; content: string };

function Import({ services, onImported }: { services: Service[]; onImported: () => void }) {
  const { api, canEdit } = useAdmin();
  const [file, setFile] = useState<Picked | null>(null);
  const [report, setReport] = useState<CatalogueImportReport | null>(null);
  /** The agencies the first check of this file left unmapped: the list keeps its order while the admin maps. */
  const [agencies, setAgencies] = useState<CatalogueImportReport['unmappedAgencies']>([]);
  /** Agency (as in the file) → service code, sent with every check and with the save. */
  const [agencyMap, setAgencyMap] = useState<Record<string, string>>({});
  const [tooBig, setTooBig] = useState(false);
  const check = useAction();
  const commit = useAction();
  /** Only the latest check's answer counts (the admin may change several agencies quickly). */
  const latest = useRef(0);
  const [checking, setChecking] = useState(0);
  if (!canEdit) return null;

  const runCheck = async (picked: Picked, map: Record<string, string>) => {
    const mine = ++latest.current;
    setChecking((n) => n + 1);
    const r = await check.run(() =>
      api.importCatalogue({ format: picked.format, content: picked.content, agencyMap: map, dryRun: true }),
    );
    setChecking((n) => n - 1);
    if (r && mine === latest.current) setReport(r);
    return r;
  };

  const pick = async (f: File | undefined) => {
    setReport(null);
    setFile(null);
    setTooBig(false);
    setAgencies([]);
    setAgencyMap({});
    if (!f) return;
    if (f.size > MAX_BYTES) return setTooBig(true);
    const content = await f.text();
    const fmt =
      f.name.toLowerCase().endsWith('.json') || content.trimStart().startsWith('[') ? 'json' : 'csv';
    const picked = { name: f.name, format: fmt, content } as const;
    setFile(picked);
    const r = await runCheck(picked, {});
    if (r) setAgencies(r.unmappedAgencies);
  };

  const mapAgency = (agency: string, serviceId: number | null) => {
    if (!file) return;
    const code = services.find((s) => s.id === serviceId)?.code;
    const next = { ...agencyMap };
    if (code) next[agency] = code;
    else delete next[agency];
    setAgencyMap(next);
    void runCheck(file, next);
  };

  const willSave = report ? report.imported + report.updated : 0;

  return (
    <section className="ad-card" data-testid="catalogue-import">
      <h2>
        <Bi m={A.importTitle} single />
      </h2>
      <p>
        <Bi m={A.importHelp} />
      </p>
      <label className="ad-file">
        <Bi m={A.chooseFile} single />
        <input
          type="file"
          name="catalogue"
          accept=".csv,.json,text/csv,application/json"
          onChange={(e) => void pick(e.target.files?.[0])}
          data-testid="catalogue-file"
        />
      </label>
      {file ? <p className="ad-muted">{file.name}</p> : null}
      {tooBig ? <Banner tone="danger" title={A.fileTooBig} /> : null}
      {checking > 0 ? <p role="status">{report ? A.recounting.vi : A.loading.vi}</p> : null}
      <Problem error={check.error ?? commit.error} />
      {report ? (
        <div data-testid={report.dryRun ? 'import-preview' : 'import-done'} aria-busy={checking > 0}>
          {report.dryRun ? null : (
            <Banner tone="info" title={format(A.imported, { a: report.imported, b: report.updated })} />
          )}
          <h3>
            <Bi m={A.preview} single />
          </h3>
          <div className="ad-totals">
            {(
              [
                [A.rows, report.rows, 'rows'],
                [A.willImport, report.imported, 'imported'],
                [A.willUpdate, report.updated, 'updated'],
                [A.skipped, report.skipped, 'skipped'],
                [A.unmapped, report.unmapped, 'unmapped'],
              ] as const
            ).map(([label, n, id]) => (
              <div className="ad-total" key={id} data-testid={`import-${id}`}>
                <span className="ad-total-value">{n}</span>
                <Bi m={label} />
              </div>
            ))}
          </div>
          {report.dryRun && agencies.length ? (
            <>
              <h3>
                <Bi m={A.agencyMapTitle} single /> ({agencies.length})
              </h3>
              <p className="ad-hint">
                <Bi m={A.agencyMapHelp} />
              </p>
              <div className="ad-agency-map">
                <table className="ad-table" data-testid="agency-map">
                  <thead>
                    <tr>
                      <th>{A.agency.vi}</th>
                      <th className="num ad-nowrap">{A.procedureCount.vi}</th>
                      <th>{A.service.vi}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {agencies.map(({ agency, count }) => {
                      const code = agencyMap[agency];
                      return (
                        <tr key={agency} data-testid="agency-row" className={code ? 'ad-mapped' : undefined}>
                          <td>{agency}</td>
                          <td className="num">{count}</td>
                          <td>
                            <ServiceSelect
                              services={services}
                              value={services.find((s) => s.code === code)?.id ?? null}
                              label={`${A.service.vi}: ${agency}`}
                              testId="agency-service"
                              onChange={(id) => mapAgency(agency, id)}
                            />
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              {agencies.length >= AGENCY_CAP ? (
                <p className="ad-hint">
                  <Bi m={format(A.agencyMapCapped, { n: AGENCY_CAP })} />
                </p>
              ) : null}
            </>
          ) : null}
          <h3>
            <Bi m={A.mapping} single />
          </h3>
          <ul className="ad-mapping">
            {Object.entries(report.byService).map(([code, n]) => (
              <li key={code}>
                <strong>{code}</strong>: {n}
              </li>
            ))}
          </ul>
          {report.errors.length ? (
            <>
              <h3>
                <Bi m={A.errors} single /> ({report.errors.length})
              </h3>
              <table className="ad-table" data-testid="import-errors">
                <tbody>
                  {report.errors.slice(0, 50).map((e) => (
                    <tr key={`${e.row}-${e.message}`}>
                      <td className="num">
                        {A.row.vi} {e.row}
                      </td>
                      <td className="ad-mono">{e.code ?? ''}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
          {report.dryRun && file ? (
            <Button
              busy={commit.busy}
              testId="import-confirm"
              disabled={willSave === 0 || checking > 0}
              onClick={() =>
                void commit
                  .run(() =>
                    api.importCatalogue({
                      format: file.format,
                      content: file.content,
                      agencyMap,
                      dryRun: false,
                    }),
                  )
                  .then((r) => {
                    if (!r) return;
                    setReport(r);
                    onImported();
                  })
              }
            >
              <Bi m={format(A.confirmImport, { n: willSave })} single />
            </Button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
