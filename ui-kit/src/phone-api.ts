import type { EndpointName, ReplyOf } from '@layso/protocol';
import { fillPath, PHONE_PATHS, type PhoneEndpointName } from '@layso/protocol/phone-paths';
import { createSend, queryString, type ApiOptions, type CallArgs } from './rest.js';

export { ApiError, type ApiOptions } from './rest.js';

/** The phone's endpoints are entries of the table (they take their paths from PHONE_PATHS): typed by it. */
type PhoneName = PhoneEndpointName & EndpointName;

/**
 * The citizen's phone pages' REST client (ui-kit's `./phone-api` entry): the endpoints of protocol's zod-free
 * `PHONE_PATHS`, called by name, their params, query, body and reply typed by the endpoint table (types only: no schema
 * ships), refusals read into an `ApiError` by the same transport as `createApi`.
 */
export function createPhoneApi(options: ApiOptions = {}) {
  const send = createSend(options);
  async function callPath<N extends PhoneName>(name: N, ...[input]: CallArgs<N>): Promise<ReplyOf<N>> {
    const e = PHONE_PATHS[name];
    const req: { params?: object; query?: object; body?: unknown } = input ?? {};
    const path = fillPath(e.path, req.params) + queryString(req.query);
    return (await send(e.method, path, req.body)) as ReplyOf<N>;
  }
  return { callPath };
}

export type PhoneApi = ReturnType<typeof createPhoneApi>;
