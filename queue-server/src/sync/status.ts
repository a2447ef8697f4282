/**
 * The seam between the center and the province's dossier statuses (issue 18; DESIGN.md, "Provincial status"):
 * one adapter interface, so a vendor's own API can be added without touching the register, the kiosk lookup or
 * the background refresh. The HTTP adapter of our documented contract lives in `status-http.ts`.
 */
import type { ProvincialStatus } from '@layso/protocol';

/** The province could not answer now (timeout, network, 5xx, 429): use what the register knows. */
export class StatusUnavailable extends Error {
  override name = 'StatusUnavailable';
}

export interface ProvincialStatusAdapter {
  /**
   * The dossier's status now; `null` when the province does not know the code (404). Throws
   * {@link StatusUnavailable} when it cannot answer; honours `signal` (an abort is also `StatusUnavailable`).
   */
  fetchStatus(code: string, signal?: AbortSignal): Promise<ProvincialStatus | null>;
}

/** No `PROVINCIAL_URL`: nothing to ask; the register's own knowledge is all there is. */
export const NO_PROVINCE: ProvincialStatusAdapter = {
  fetchStatus: () => Promise.reject(new StatusUnavailable('no provincial system configured')),
};
