/**
 * Who may see what on the hub (issue 20, Deliver 4). The live view, the reports and the sockets ask this one seam;
 * accounts, sessions and sign-in behind it live in their own module.
 */
export type HubRole = 'province_admin' | 'province_viewer' | 'site_viewer';

export interface HubViewer {
  userId: number;
  username: string;
  role: HubRole;
  /** The sites this viewer may see: null = every site of the province (the two province roles). */
  siteIds: readonly number[] | null;
}

export interface HubAccess {
  /** The viewer a session token belongs to, or null (unknown, expired, signed out, account disabled). */
  viewerOf(token: string): Promise<HubViewer | null>;
}

/** Whether a viewer may see one site. */
export function maySee(viewer: HubViewer, siteId: number): boolean {
  return viewer.siteIds === null || viewer.siteIds.includes(siteId);
}
