import type { AdminUser, Service } from '@layso/protocol';
import type { AdminApi } from '@layso/ui-kit';
import { useLoad } from './parts.js';

export interface Directory {
  services: Service[];
  /** Staff accounts; null when the viewer may not list them (the feedback desk): forms keep what is recorded. */
  users: AdminUser[] | null;
}

/**
 * The departments (the kiosk's public list: the feedback desk may read it) and the staff to name as concerned or
 * to assign, for the register's forms.
 */
export function useDirectory(api: AdminApi) {
  return useLoad<Directory>(
    async () => ({
      services: await api.services(),
      users: await api.users().catch(() => null),
    }),
    [api],
  );
}

/** The staff a select offers: the active accounts, plus the one already chosen even if it is not listed. */
export function staffOptions(
  users: readonly AdminUser[] | null,
  keep: readonly { id: number | null; name: string | null }[],
): { id: number; name: string }[] {
  const out = new Map<number, string>();
  for (const u of users ?? []) if (u.active) out.set(u.id, u.displayName);
  for (const k of keep) if (k.id !== null && !out.has(k.id)) out.set(k.id, k.name ?? `#${k.id}`);
  return [...out].map(([id, name]) => ({ id, name }));
}
