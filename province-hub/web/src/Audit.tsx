import { useState } from 'react';
import { Bi, Button, format, formatDateTime, Problem, useLoad, type HubApi } from '@layso/ui-kit';
import { ACTIONS, P } from './page-messages.js';

const PAGE = 50;

/** What a change touched, in a line: its fields as written (never a password: the server keeps none). */
function detailText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
}

/** The admin changes, newest first, a page at a time (the server's `before` cursor; the pages seen are kept to go back). */
export function Audit({ api }: { api: HubApi }) {
  // The `before` of each page seen: [undefined] is the newest page.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const before = cursors.at(-1);
  const page = useLoad(() => api.audit({ limit: PAGE, before }), [api, before]);
  const next = page.data?.next ?? null;
  return (
    <main className="hub-main hub-page" data-testid="page-audit">
      <Problem error={page.error} testId="audit-error" />
      <section className="hub-panel">
        <header className="hub-report-head">
          <h2>
            <Bi m={P.navAudit} />
          </h2>
          <span>{format(P.page, { n: cursors.length }).vi}</span>
          <Button
            variant="ghost"
            disabled={cursors.length <= 1}
            onClick={() => setCursors((c) => c.slice(0, -1))}
            testId="audit-newer"
          >
            <Bi m={P.newer} single />
          </Button>
          <Button
            variant="ghost"
            disabled={next === null}
            onClick={() => next !== null && setCursors((c) => [...c, next])}
            testId="audit-older"
          >
            <Bi m={P.older} single />
          </Button>
        </header>
        {page.data && page.data.entries.length === 0 ? (
          <p className="hub-empty">
            <Bi m={P.empty} single />
          </p>
        ) : (
          <div className="hub-scroll">
            <table className="hub-grid hub-grid-text" data-testid="audit">
              <thead>
                <tr>
                  {[P.at, P.who, P.action, P.details].map((m) => (
                    <th key={m.en} scope="col">
                      <Bi m={m} />
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {(page.data?.entries ?? []).map((e) => (
                  <tr key={e.id}>
                    <td data-label={P.at.vi}>{formatDateTime(e.at)}</td>
                    <td data-label={P.who.vi}>{e.username ?? P.system.vi}</td>
                    <td data-label={P.action.vi}>{ACTIONS[e.action]?.vi ?? e.action}</td>
                    <td className="hub-details" data-label={P.details.vi}>
                      {detailText(e.details)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
