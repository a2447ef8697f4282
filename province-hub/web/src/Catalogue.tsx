import { useMemo, useState, type ReactNode } from 'react';
import { ProvinceServiceCode, type HubCatalogueState } from '@layso/protocol';
import { parseCatalogue, type CatalogueFormat } from '@layso/protocol/catalogue-file';
import {
  ApiError,
  Banner,
  Bi,
  Button,
  errorText,
  format,
  formatDateTime,
  Problem,
  useAction,
  useLoad,
  type Bilingual,
  type HubApi,
} from '@layso/ui-kit';
import { bilingual, C } from './catalogue-messages.js';
import { CatalogueSettings } from './CatalogueSettings.js';
import './catalogue.css';

const MAX_BYTES = 20_000_000;
/** The agencies offered for a service code: the busiest first, enough for a province's departments. */
const AGENCY_CAP = 60;

interface RowError {
  row: number;
  code: string | null;
  message: string;
}

/** The server's all-or-nothing refusal of a file: its reason and the rows (null when the error is another). */
function refusalOf(e: unknown): { reason: string; errors: RowError[] } | null {
  if (!(e instanceof ApiError) || e.code !== 'LAYSO_IMPORT_INVALID') return null;
  const d = e.details;
  if (!d || typeof d !== 'object' || !('errors' in d) || !Array.isArray(d.errors)) return null;
  const reason = 'reason' in d && typeof d.reason === 'string' ? d.reason : '';
  const errors = d.errors.filter(
    (x: unknown): x is RowError =>
      typeof x === 'object' && x !== null && 'row' in x && typeof x.row === 'number' && 'message' in x,
  );
  return { reason, errors };
}

/**
 * The province's catalogue (the admin's): what sites pull — its version, ETag and counts — a file's import, all or
 * nothing, and the announcement and priority groups, each set by the province or left to the sites.
 */
export function Catalogue({ api }: { api: HubApi }) {
  const state = useLoad(() => api.catalogue(), [api]);
  const [latest, setLatest] = useState<HubCatalogueState | null>(null);
  const current = latest ?? state.data;
  return (
    <main className="hub-main hub-page" data-testid="page-catalogue">
      <section className="hub-panel" data-testid="catalogue-state">
        <h2>
          <Bi m={C.title} />
        </h2>
        <p className="hub-note">
          <Bi m={C.intro} />
        </p>
        <Problem error={state.error} testId="catalogue-error" />
        {current ? (
          <dl className="hub-facts">
            <Fact label={C.version} testId="catalogue-version" value={current.version} />
            <Fact label={C.procedures} testId="catalogue-procedures" value={current.procedures} />
            <Fact label={C.mapped} testId="catalogue-mapped" value={current.mapped} />
            <Fact
              label={C.updatedAt}
              value={current.updatedAt ? formatDateTime(current.updatedAt) : C.never.vi}
            />
            <Fact label={C.etag} wide value={<code data-testid="catalogue-etag">{current.etag}</code>} />
          </dl>
        ) : null}
      </section>
      <Import api={api} onDone={setLatest} />
      {current ? (
        // Mounted once loaded: the form keeps its draft across an import (which leaves the settings as they are).
        <CatalogueSettings api={api} state={current} onSaved={setLatest} />
      ) : null}
    </main>
  );
}

interface Picked {
  name: string;
  format: CatalogueFormat;
  content: string;
  rows: number;
  /** The file's agencies, busiest first (read here only to offer the map; the server checks the file). */
  agencies: { agency: string; count: number }[];
}

async function read(f: File): Promise<Picked> {
  const content = await f.text();
  const fmt: CatalogueFormat = f.name.toLowerCase().endsWith('.json') ? 'json' : 'csv';
  const parsed = parseCatalogue(fmt, content);
  const counts = new Map<string, number>();
  for (const r of parsed.rows) if (r.agency) counts.set(r.agency, (counts.get(r.agency) ?? 0) + 1);
  const agencies = [...counts]
    .map(([agency, count]) => ({ agency, count }))
    .sort((a, b) => b.count - a.count || a.agency.localeCompare(b.agency, 'vi'));
  const badRows = new Set(parsed.errors.filter((e) => e.row > 0).map((e) => e.row)).size;
  return { name: f.name, format: fmt, content, rows: parsed.rows.length + badRows, agencies };
}

function Import({ api, onDone }: { api: HubApi; onDone: (s: HubCatalogueState) => void }) {
  const [file, setFile] = useState<Picked | null>(null);
  const [tooBig, setTooBig] = useState(false);
  const [codes, setCodes] = useState<Record<string, string>>({});
  const [done, setDone] = useState<HubCatalogueState | null>(null);
  /** Bumped after an import: a fresh file input, so the same file is not sent twice by a second click. */
  const [inputKey, setInputKey] = useState(0);
  const act = useAction();
  const refusal = refusalOf(act.error);
  const map = useMemo(
    () => Object.fromEntries(Object.entries(codes).filter(([, c]) => c.trim() !== '')),
    [codes],
  );
  const badCodes = Object.values(map).some((c) => !ProvinceServiceCode.safeParse(c.trim()).success);

  const pick = async (f: File | undefined) => {
    setFile(null);
    setDone(null);
    setTooBig(false);
    setCodes({});
    act.clear();
    if (!f) return;
    if (f.size > MAX_BYTES) return setTooBig(true);
    setFile(await read(f));
  };

  const submit = async () => {
    if (!file) return;
    const agencyMap = Object.fromEntries(Object.entries(map).map(([a, c]) => [a, c.trim()]));
    const r = await act.run(() =>
      api.importCatalogue({
        format: file.format,
        content: file.content,
        ...(Object.keys(agencyMap).length ? { agencyMap } : {}),
      }),
    );
    if (!r) return;
    setFile(null);
    setCodes({});
    setInputKey((k) => k + 1);
    setDone(r);
    onDone(r);
  };

  return (
    <section className="hub-panel" data-testid="catalogue-import">
      <h2>
        <Bi m={C.importTitle} />
      </h2>
      <p className="hub-note">
        <Bi m={C.importHelp} />
      </p>
      <label className="hub-field hub-file">
        <Bi m={C.chooseFile} single />
        <input
          key={inputKey}
          type="file"
          name="catalogue"
          accept=".csv,.json,text/csv,application/json"
          onChange={(e) => void pick(e.target.files?.[0])}
          data-testid="catalogue-file"
        />
      </label>
      {tooBig ? <Banner tone="danger" title={C.fileTooBig} /> : null}
      {file && file.agencies.length ? (
        <details className="hub-agencies" data-testid="agency-map">
          <summary>
            <Bi m={C.agencyMapTitle} single /> ({file.agencies.length})
          </summary>
          <p className="hub-note">
            <Bi m={C.agencyMapHelp} />
          </p>
          <div className="hub-scroll">
            <table className="hub-grid hub-grid-text">
              <thead>
                <tr>
                  {[C.agency, C.count, C.serviceCode].map((m) => (
                    <th key={m.en} scope="col">
                      <Bi m={m} />
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {file.agencies.slice(0, AGENCY_CAP).map(({ agency, count }) => (
                  <tr key={agency}>
                    <th scope="row">{agency}</th>
                    <td data-label={C.count.vi}>{count}</td>
                    <td data-label={C.serviceCode.vi}>
                      <input
                        aria-label={`${C.serviceCode.vi}: ${agency}`}
                        value={codes[agency] ?? ''}
                        maxLength={32}
                        onChange={(e) => setCodes({ ...codes, [agency]: e.target.value })}
                        data-testid="agency-code"
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {file.agencies.length > AGENCY_CAP ? (
            <p className="hub-note">{format(C.agencyMapCapped, { n: AGENCY_CAP }).vi}</p>
          ) : null}
        </details>
      ) : null}
      {badCodes ? <Banner tone="warning" title={C.badCode} testId="agency-bad-code" /> : null}
      {file ? (
        <Button
          busy={act.busy}
          disabled={badCodes}
          onClick={() => void submit()}
          testId="catalogue-import-go"
        >
          <Bi m={format(C.import, { n: file.rows })} single />
        </Button>
      ) : null}
      {done ? (
        <Banner
          tone="info"
          title={format(C.imported, { n: done.procedures, m: done.mapped, v: done.version })}
          testId="catalogue-imported"
        />
      ) : null}
      {refusal ? <Refusal reason={refusal.reason} errors={refusal.errors} /> : null}
      {act.error && !refusal ? <Problem error={act.error} testId="catalogue-import-error" /> : null}
    </section>
  );
}

/** The file refused whole: the reason, and each bad row with its code and why. */
function Refusal({ reason, errors }: { reason: string; errors: RowError[] }) {
  return (
    <div data-testid="catalogue-refused">
      <Banner
        tone="danger"
        title={C.refused}
        detail={reason ? bilingual(reason) : errorText('LAYSO_IMPORT_INVALID')}
      />
      {errors.length ? (
        <div className="hub-scroll">
          <table className="hub-grid hub-grid-text" data-testid="catalogue-row-errors">
            <thead>
              <tr>
                {[C.row, C.code, C.reason].map((m) => (
                  <th key={m.en} scope="col">
                    <Bi m={m} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {errors.map((e, i) => (
                <tr key={`${e.row}-${i}`}>
                  <td data-label={C.row.vi}>{e.row === 0 ? C.wholeFile.vi : e.row}</td>
                  <td data-label={C.code.vi}>
                    <code>{e.code ?? ''}</code>
                  </td>
                  <td data-label={C.reason.vi}>
                    <Bi m={bilingual(e.message)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {errors.length >= 200 ? <p className="hub-note">{format(C.moreErrors, { n: 200 }).vi}</p> : null}
    </div>
  );
}

/** One figure of the catalogue's state: its bilingual label over its value. */
function Fact({
  label,
  value,
  testId,
  wide = false,
}: {
  label: Bilingual;
  value: ReactNode;
  testId?: string;
  wide?: boolean;
}) {
  return (
    <div className={wide ? 'hub-facts-wide' : undefined}>
      <dt>
        <Bi m={label} />
      </dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}
