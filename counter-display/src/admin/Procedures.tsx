import { useState } from 'react';
import type { CatalogueImportReport } from '@layso/protocol';
import { Banner, Bi, Button, format } from '@layso/ui-kit';
import { useAdmin } from './context.js';
import { A } from './messages.js';
import { Field, Page, Problem, useAction, useLoad } from './parts.js';

const MAX_BYTES = 20_000_000;

/** The procedures citizens pick at the kiosk: search them, and import the national catalogue (check, then save). */
export function Procedures() {
  const { api } = useAdmin();
  const [q, setQ] = useState('');
  const hits = useLoad(() => api.procedures({ q: q.trim() || undefined, limit: 50 }), [api, q]);
  const services = useLoad(() => api.adminServices(), [api]);
  const serviceName = (id: number | null) =>
    services.data?.find((s) => s.id === id)?.name ?? A.unmappedNone.vi;
  return (
    <Page title={A.navProcedures} testId="page-procedures">
      <Import onImported={() => hits.reload()} />
      <section className="ad-card">
        <Field label={A.searchProcedures}>
          <input type="search" name="q" value={q} onChange={(e) => setQ(e.target.value)} />
        </Field>
        <Problem error={hits.error} />
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
              {(hits.data ?? []).map((p) => (
                <tr key={p.id}>
                  <td className="ad-mono">{p.code}</td>
                  <td>{p.name}</td>
                  <td>{serviceName(p.serviceId)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </Page>
  );
}

function Import({ onImported }: { onImported: () => void }) {
  const { api, canEdit } = useAdmin();
  const [file, setFile] = useState<{ name: string; format: 'csv' | 'json'; content: string } | null>(null);
  const [report, setReport] = useState<CatalogueImportReport | null>(null);
  const [tooBig, setTooBig] = useState(false);
  const check = useAction();
  const commit = useAction();
  if (!canEdit) return null;

  const pick = async (f: File | undefined) => {
    setReport(null);
    setFile(null);
    setTooBig(false);
    if (!f) return;
    if (f.size > MAX_BYTES) return setTooBig(true);
    const content = await f.text();
    const fmt =
      f.name.toLowerCase().endsWith('.json') || content.trimStart().startsWith('[') ? 'json' : 'csv';
    const picked = { name: f.name, format: fmt, content } as const;
    setFile(picked);
    const r = await check.run(() =>
      api.importCatalogue({ format: picked.format, content: picked.content, dryRun: true }),
    );
    if (r) setReport(r);
  };

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
      {check.busy ? <p>{A.loading.vi}</p> : null}
      <Problem error={check.error ?? commit.error} />
      {report ? (
        <div data-testid={report.dryRun ? 'import-preview' : 'import-done'}>
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
              disabled={report.imported + report.updated === 0}
              onClick={() =>
                void commit
                  .run(() =>
                    api.importCatalogue({ format: file.format, content: file.content, dryRun: false }),
                  )
                  .then((r) => {
                    if (!r) return;
                    setReport(r);
                    onImported();
                  })
              }
            >
              <Bi m={format(A.confirmImport, { n: report.imported + report.updated })} single />
            </Button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
