import type { z } from 'zod';
import type { DeviceKind, Role } from '../enums.js';
import type { ErrorCode } from '../errors.js';

/**
 * The REST half of the contract: one entry per endpoint — method, path, what it takes, what it answers, who may
 * call it and the errors of its own it can answer. The server registers every route from this table with its
 * guard, ui-kit's client is typed by the entry's name, the fuzz test walks it and the OpenAPI document is made
 * from it. Adding an endpoint is one entry (in public.ts, counter.ts or admin.ts, by who calls it) plus its
 * handler on the server. This file says what an entry is.
 */

/** Who may call: anyone, the monitoring scraper (localhost or METRICS_TOKEN), or these roles and device kinds. */
export type Access =
  'anyone' | 'monitoring' | { readonly roles: readonly Role[]; readonly devices: readonly DeviceKind[] };

const allow = <R extends readonly Role[], D extends readonly DeviceKind[]>(roles: R, devices: D) => ({
  roles,
  devices,
});
const STAFF = ['officer', 'supervisor', 'admin'] as const;

/** The access rules the endpoints use, named once. */
export const WHO = {
  kiosk: allow([], ['kiosk'] as const),
  staff: allow(STAFF, []),
  staffOrKiosk: allow(STAFF, ['kiosk'] as const),
  screens: allow(STAFF, ['display', 'counter'] as const),
  supervisors: allow(['supervisor', 'admin'] as const, []),
  admins: allow(['admin'] as const, []),
  /** The feedback register's keepers (issue 22): supervisors, admins and the feedback desk (tiếp nhận phản ánh). */
  feedbackDesk: allow(['supervisor', 'admin', 'reception'] as const, []),
  /** Who may record a case on a citizen's behalf: any staff member and the feedback desk. */
  staffOrDesk: allow([...STAFF, 'reception'] as const, []),
} satisfies Record<string, Access>;

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type SuccessStatus = 200 | 201 | 202 | 204;

export interface EndpointDef {
  readonly method: Method;
  /** Fastify's form: `/api/tickets/:id`. */
  readonly path: `/${string}`;
  readonly summary: string;
  /** OpenAPI grouping. */
  readonly tag: 'public' | 'kiosk' | 'counter' | 'display' | 'auth' | 'setup' | 'admin' | 'reports';
  readonly who: Access;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** Success replies by status; `204` answers `null`. */
  readonly reply: { readonly [S in SuccessStatus]?: z.ZodType };
  /** The reply's media type when it is not JSON (a page, a picture, Prometheus text). */
  readonly produces?: string;
  /** The errors of its own it may answer, beyond those every endpoint of its kind can (see `implicitErrors`). */
  readonly errors: readonly ErrorCode[];
  /** Bytes, when the default (1 MiB) is too small. */
  readonly bodyLimit?: number;
  /** Left out of the OpenAPI document (citizen pages, metrics). */
  readonly hidden?: boolean;
  /**
   * The handler needs the body's bytes as sent (a signature over them): the server keeps them, and the handler
   * checks `body` itself after the signature, so an unsigned request is refused as such before its content is read.
   */
  readonly rawBody?: boolean;
}

/** The errors any endpoint of this shape can answer besides its own: its guard, its input, routing, a bug. */
export function implicitErrors(e: EndpointDef): ErrorCode[] {
  // A malformed request (bad encoding, a wrong length) is refused before any endpoint's own rules.
  // A full disk or a read-only database refuses any write, and most endpoints write (a session, a device's visit,
  // a closed day aggregated for a report, the health probe): 503 with the reason, like LAYSO_INTERNAL for a bug.
  const codes: ErrorCode[] = [
    'LAYSO_NOT_FOUND',
    'LAYSO_VALIDATION',
    'LAYSO_INTERNAL',
    'LAYSO_DISK_FULL',
    'LAYSO_DB_UNWRITABLE',
  ];
  if (e.who !== 'anyone') codes.push('LAYSO_UNAUTHENTICATED', 'LAYSO_FORBIDDEN');
  // A body is read for every method but GET, even where the endpoint takes none.
  if (e.method !== 'GET') codes.push('LAYSO_BAD_JSON', 'LAYSO_UNSUPPORTED_MEDIA', 'LAYSO_BODY_TOO_LARGE');
  return codes;
}

/** Every error an endpoint can answer. */
export const errorsOf = (e: EndpointDef): ErrorCode[] => [...new Set([...implicitErrors(e), ...e.errors])];

/** The path with its params put in (`/api/tickets/:id` + `{id: 3}` → `/api/tickets/3`). */
export function fillPath(path: string, params: object | undefined): string {
  const values = new Map(Object.entries(params ?? {}));
  return path.replace(/:([A-Za-z]+)/g, (_, k: string) => {
    const v: unknown = values.get(k);
    if (v === undefined || v === null) throw new Error(`${path}: missing param ${k}`);
    return encodeURIComponent(String(v));
  });
}
