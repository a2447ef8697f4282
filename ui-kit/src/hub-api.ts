import {
  HUB_ENDPOINTS,
  type HubEndpointName,
  type HubLoginBody,
  type HubOverviewQuery,
  type HubReplyOf,
} from '@layso/protocol';
import { createSend, type ApiOptions } from './rest.js';

function queryString(q: Record<string, string | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/**
 * The province hub's typed REST client (its table is protocol's HUB_ENDPOINTS): the same transport and errors as
 * the center's (`ApiError` with the server's code and its Vietnamese / English message), a viewer's session token.
 */
export function createHubApi(options: ApiOptions = {}) {
  const send = createSend(options);
  async function call<N extends HubEndpointName>(
    name: N,
    path: string,
    body?: unknown,
  ): Promise<HubReplyOf<N>> {
    const json: unknown = await send(HUB_ENDPOINTS[name].method, path, body);
    return json as HubReplyOf<N>;
  }
  return {
    login: (body: HubLoginBody) => call('hubLogin', HUB_ENDPOINTS.hubLogin.path, body),
    logout: () => call('hubLogout', HUB_ENDPOINTS.hubLogout.path),
    me: () => call('hubMe', HUB_ENDPOINTS.hubMe.path),
    overview: (q: HubOverviewQuery = {}) =>
      call('hubOverview', HUB_ENDPOINTS.hubOverview.path + queryString({ commune: q.commune, sort: q.sort })),
    floor: (code: string) =>
      call('hubSiteFloor', HUB_ENDPOINTS.hubSiteFloor.path.replace(':code', encodeURIComponent(code))),
  };
}
export type HubApi = ReturnType<typeof createHubApi>;
