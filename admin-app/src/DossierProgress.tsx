import type { DossierProgress, DossierProgressLine, DossierProgressReply } from '@layso/protocol';
import { Bi, format, formatDate, type Bilingual } from '@layso/ui-kit';
import { D } from './dossier-messages.js';
import { DataTable, percent } from './parts.js';

const FIGURES: [keyof Omit<DossierProgress, 'onTimeRate'>, Bilingual][] = [
  ['received', D.pReceived],
  ['returnedEarly', D.pEarly],
  ['returnedOnTime', D.pOnTime],
  ['returnedLate', D.pLate],
  ['inProgressOnTime', D.pInTime],
  ['inProgressOverdue', D.pOverdue],
];

/**
 * Decision 766's "tiến độ giải quyết" over a range: the figures, the on-time rate, and the same by service and by
 * receiving officer. Shown on the reports page (beside the queue's figures) and on the dossiers page.
 */
export function ProgressBlock({ p }: { p: DossierProgressReply }) {
  return (
    <section className="ad-card ad-progress" data-testid="dossier-progress">
      <h3>
        <Bi m={D.progressTitle} single />{' '}
        <small>{format(D.progressOf, { from: formatDate(p.from), to: formatDate(p.to) }).vi}</small>
      </h3>
      <div className="ad-totals">
        {FIGURES.map(([key, label]) => (
          <div className={`ad-total ad-progress-${key}`} key={key} data-testid={`progress-${key}`}>
            <span className="ad-total-value">{p.totals[key]}</span>
            <Bi m={label} />
          </div>
        ))}
        <div className="ad-total ad-progress-rate" data-testid="progress-rate">
          <span className="ad-total-value">{percent(p.totals.onTimeRate)}</span>
          <Bi m={D.pRate} />
        </div>
      </div>
      <p className="ad-hint">{D.progressNote.vi}</p>
      {p.totals.received === 0 && p.byService.length === 0 ? (
        <p>
          <Bi m={D.noDossiers} single />
        </p>
      ) : (
        <>
          <ProgressTable title={D.byService} rows={p.byService} testId="progress-services" />
          <ProgressTable title={D.byOfficer} rows={p.byOfficer} testId="progress-officers" />
        </>
      )}
    </section>
  );
}

function ProgressTable({
  title,
  rows,
  testId,
}: {
  title: Bilingual;
  rows: DossierProgressLine[];
  testId: string;
}) {
  if (rows.length === 0) return null;
  return (
    <>
      <h4>
        <Bi m={title} single />
      </h4>
      <DataTable
        testId={testId}
        columns={[title, ...FIGURES.map(([, m]) => ({ m, num: true as const })), { m: D.pRate, num: true }]}
      >
        {rows.map((r) => (
          <tr key={r.id}>
            <td>{r.name}</td>
            {FIGURES.map(([key]) => (
              <td key={key} className="num">
                {r[key]}
              </td>
            ))}
            <td className="num">{percent(r.onTimeRate)}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
