import { createContext, useContext } from 'react';
import type { User } from '@layso/protocol';
import type { AdminApi } from '@layso/ui-kit';

export interface AdminSession {
  token: string;
  user: User;
}

/** What every admin page needs: the client with the session's token, who is signed in, whether they may edit. */
export interface AdminContextValue {
  api: AdminApi;
  session: AdminSession;
  /** Admins change the configuration; supervisors read it (and the reports and the floor). */
  canEdit: boolean;
}

export const AdminContext = createContext<AdminContextValue | null>(null);

export function useAdmin(): AdminContextValue {
  const v = useContext(AdminContext);
  if (!v) throw new Error('useAdmin outside AdminContext');
  return v;
}
