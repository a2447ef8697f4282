import type { z } from 'zod';
import { ADMIN_ENDPOINTS } from './admin.js';
import { BOOKING_ENDPOINTS } from './bookings.js';
import { COUNTER_ENDPOINTS } from './counter.js';
import type { EndpointDef } from './define.js';
import { DOSSIER_ENDPOINTS } from './dossiers.js';
import { FEEDBACK_ENDPOINTS } from './feedback.js';
import { NOTICE_ADMIN_ENDPOINTS } from './notices-admin.js';
import { PUBLIC_NOTICE_ENDPOINTS } from './notices-public.js';
import { PROVINCIAL_ENDPOINTS } from './provincial.js';
import { PUBLIC_ENDPOINTS } from './public.js';

export * from './define.js';
export { Version } from './public.js';

/**
 * The REST half of the contract, one table: every endpoint by name (grouped in three files by who calls it). The
 * server registers every route from it, ui-kit's client is typed by its names, the fuzz test walks it.
 */
export const ENDPOINTS = {
  ...PUBLIC_ENDPOINTS,
  ...COUNTER_ENDPOINTS,
  ...ADMIN_ENDPOINTS,
  ...DOSSIER_ENDPOINTS,
  ...PROVINCIAL_ENDPOINTS,
  ...NOTICE_ADMIN_ENDPOINTS,
  ...PUBLIC_NOTICE_ENDPOINTS,
  ...BOOKING_ENDPOINTS,
  ...FEEDBACK_ENDPOINTS,
} as const satisfies Record<string, EndpointDef>;

export type Endpoints = typeof ENDPOINTS;
export type EndpointName = keyof Endpoints;

export const isEndpointName = (s: string): s is EndpointName => Object.hasOwn(ENDPOINTS, s);
/** Every endpoint's name, in table order. */
export const ENDPOINT_NAMES: readonly EndpointName[] = Object.keys(ENDPOINTS).filter(isEndpointName);

type Get<T, K extends PropertyKey> = T extends { readonly [P in K]: infer V } ? V : undefined;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type In<S> = S extends z.ZodType ? z.input<S> : undefined;

/** What the server's handler sees (after validation) and what a client sends (before it). */
export type ParamsOf<N extends EndpointName> = Out<Get<Endpoints[N], 'params'>>;
export type QueryOf<N extends EndpointName> = Out<Get<Endpoints[N], 'query'>>;
export type BodyOf<N extends EndpointName> = Out<Get<Endpoints[N], 'body'>>;
export type ParamsIn<N extends EndpointName> = In<Get<Endpoints[N], 'params'>>;
export type QueryIn<N extends EndpointName> = In<Get<Endpoints[N], 'query'>>;
export type BodyIn<N extends EndpointName> = In<Get<Endpoints[N], 'body'>>;

type Replies<N extends EndpointName> = Endpoints[N]['reply'];
/** What the handler returns: any success reply's body (`null` for a 204). */
export type ReplyIn<N extends EndpointName> = {
  [S in keyof Replies<N>]: In<Replies<N>[S]>;
}[keyof Replies<N>];
/** What a client receives on success. */
export type ReplyOf<N extends EndpointName> = {
  [S in keyof Replies<N>]: Out<Replies<N>[S]>;
}[keyof Replies<N>];

/** A client's request: the parts this endpoint takes, and only those. */
export type RequestOf<N extends EndpointName> = (ParamsIn<N> extends undefined
  ? { params?: never }
  : { params: ParamsIn<N> }) &
  (QueryIn<N> extends undefined ? { query?: never } : { query?: QueryIn<N> }) &
  (BodyIn<N> extends undefined ? { body?: never } : { body: BodyIn<N> });
