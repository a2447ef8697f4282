import { Bi, formatDateTime } from '@layso/ui-kit';
import { useAdmin } from './context.js';
import { A } from './messages.js';
import { DataTable, Page, Problem, useLoad } from './parts.js';

/** A change as one line: "field: before → after" for what differs, else the detail as the server wrote it. */
function changes(detail: unknown): string {
  if (!detail || typeof detail !== 'object') return '';
  const d = detail as { before?: Record<string, unknown> | null; after?: Record<string, unknown> | null };
  if (d.before && d.after && typeof d.before === 'object' && typeof d.after === 'object') {
    const keys = [...new Set([...Object.keys(d.before), ...Object.keys(d.after)])];
    const diff = keys
      .filter((k) => JSON.stringify(d.before?.[k]) !== JSON.stringify(d.after?.[k]))
      .map((k) => `${k}: ${JSON.stringify(d.before?.[k])} → ${JSON.stringify(d.after?.[k])}`);
    if (diff.length) return diff.join('; ');
  }
  if (d.after && typeof d.after === 'object' && !d.before) {
    const a = d.after as { name?: unknown; username?: unknown; code?: unknown; id?: unknown };
    return `+ ${String(a.name ?? a.username ?? a.code ?? a.id ?? '')}`;
  }
  return JSON.stringify(detail);
}

/** Who changed what in the configuration, newest first. */
export function Audit() {
  const { api } = useAdmin();
  const entries = useLoad(() => api.audit(300), [api]);
  return (
    <Page title={A.navAudit} testId="page-audit">
      <Problem error={entries.error} />
      <DataTable testId="audit-table" columns={[A.when, A.who, A.what, A.detail]}>
        {(entries.data ?? []).map((e) => (
          <tr key={e.id}>
            <td className="ad-nowrap">{formatDateTime(e.at)}</td>
            <td>{e.username ?? <Bi m={A.system} single />}</td>
            <td className="ad-mono">{e.action}</td>
            <td className="ad-detail">{changes(e.detail)}</td>
          </tr>
        ))}
      </DataTable>
    </Page>
  );
}
