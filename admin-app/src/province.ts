import type { ProvinceCatalogueReply, Service } from '@layso/protocol';
import { format, formatDateTime, type Bilingual } from '@layso/ui-kit';
import { A } from './messages.js';

/** What the province's catalogue locks on this center's screens (the server refuses the same edits). */
export interface ProvinceLocks {
  announce: boolean;
  priorityGroups: boolean;
  /** A procedure of the province's catalogue (its name, field, agency are the province's). */
  procedure(code: string): boolean;
  /** Its service too: the province names one this center has. Else the center maps it. */
  procedureService(code: string): boolean;
}

export function provinceLocks(
  reply: ProvinceCatalogueReply | null | undefined,
  services: readonly Pick<Service, 'code'>[],
): ProvinceLocks {
  const named = new Map((reply?.procedures ?? []).map((p) => [p.code, p.service]));
  const here = new Set(services.map((s) => s.code));
  return {
    announce: reply?.managed.announce ?? false,
    priorityGroups: reply?.managed.priorityGroups ?? false,
    procedure: (code) => named.has(code),
    procedureService: (code) => {
      const service = named.get(code);
      return service !== undefined && service !== null && here.has(service);
    },
  };
}

/** The pull's state in words: the version applied, the last check and what it brought, or why it failed. */
export function pullSummary(s: ProvinceCatalogueReply): { lines: Bilingual[]; failing: Bilingual | null } {
  if (s.state === 'off') return { lines: [A.provinceOff], failing: null };
  const lines = [
    format(A.provinceVersion, {
      version: s.version,
      procedures: s.managed.procedures,
      appliedAt: formatDateTime(s.appliedAt),
    }),
  ];
  if (s.lastCheckedAt) {
    const result =
      s.lastResult === 'unchanged' ? format(A.provinceUnchanged, { etag: s.etag ?? '—' }) : A.provinceUpdated;
    const at = formatDateTime(s.lastCheckedAt);
    lines.push({
      vi: format(A.provinceChecked, { at, result: result.vi }).vi,
      en: format(A.provinceChecked, { at, result: result.en }).en,
    });
  } else lines.push(A.provinceNever);
  const failing =
    s.state === 'failing'
      ? format(A.provinceFailing, { at: formatDateTime(s.lastFailureAt), error: s.lastError ?? '—' })
      : null;
  return { lines, failing };
}
