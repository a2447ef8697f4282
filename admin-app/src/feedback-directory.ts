import type { FeedbackStaff, Service } from '@layso/protocol';
import type { AdminApi } from '@layso/ui-kit';
import { useLoad } from './parts.js';

export interface Directory {
  services: Service[];
  /** The active staff (the register's own list, which the feedback desk may read too). */
  users: FeedbackStaff[];
}

/**
 * The departments (the kiosk's public list: the feedback desk may read it) and the staff to name as concerned or
 * to assign, for the register's forms.
 */
export function useDirectory(api: AdminApi) {
  return useLoad<Directory>(
    async () => ({ services: await api.services(), users: await api.feedbackStaff() }),
    [api],
  );
}

/** The staff a select offers: the active accounts, plus the one already chosen even if it is no longer listed. */
export function staffOptions(
  users: readonly FeedbackStaff[],
  keep: readonly { id: number | null; name: string | null }[],
): { id: number; name: string }[] {
  const out = new Map<number, string>();
  for (const u of users) out.set(u.id, u.displayName);
  for (const k of keep) if (k.id !== null && !out.has(k.id)) out.set(k.id, k.name ?? `#${k.id}`);
  return [...out].map(([id, name]) => ({ id, name }));
}
