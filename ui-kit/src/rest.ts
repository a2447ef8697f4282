import type { EndpointName, Method, RequestOf } from '@layso/protocol';
import { NETWORK_ERROR } from './i18n.js';

/**
 * The REST transport every client of ui-kit shares — the screens' `createApi` and the phone's `createPhoneApi`:
 * one request, the server's `{error:{code,message}}` read into an `ApiError`. Zod-free (it imports protocol's types
 * only), so the phone's lean build can carry it.
 */

/** A refusal from the server (`{error:{code,message}}`) or a failure to reach it (`LAYSO_NETWORK`). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** The server's details, e.g. who holds a counter (`{holder}`) or which fields are wrong. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiOptions {
  /** Origin of the queue server; '' = the page's own origin. */
  baseUrl?: string;
  /** Device token or officer session, sent as `Authorization: Bearer`. */
  token?: string | null;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** A call's input: nothing for an endpoint that takes nothing, else its params, query and body. */
export type CallArgs<N extends EndpointName> =
  Partial<RequestOf<N>> extends RequestOf<N> ? [input?: RequestOf<N>] : [input: RequestOf<N>];

/** A call's query as `?a=1&b=2`, leaving out what is unset or empty; '' when nothing is left. */
export function queryString(q: object | undefined): string {
  if (!q) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** `AbortSignal.timeout` where the browser has it (Chrome 103+); an old phone's browser gets the same by hand. */
function timeout(ms: number): AbortSignal {
  if (typeof AbortSignal.timeout === 'function') return AbortSignal.timeout(ms);
  const c = new AbortController();
  setTimeout(() => c.abort(), ms);
  return c.signal;
}

/**
 * Sends one request and answers the server's JSON (`null` for a 204), or throws an `ApiError`: the server's code
 * and its Vietnamese / English message, `LAYSO_NETWORK` when it could not be reached or answered something else.
 */
export function createSend(options: ApiOptions = {}) {
  const base = (options.baseUrl ?? '').replace(/\/$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const doFetch = options.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));

  return async function send(method: Method, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: timeout(timeoutMs),
        cache: 'no-store',
      });
    } catch {
      throw new ApiError('LAYSO_NETWORK', NETWORK_ERROR, 0);
    }
    if (res.status === 204) return null;
    let json: unknown = null;
    try {
      json = await res.json();
    } catch {
      // A proxy's HTML error page, or a body cut short: not our server's answer.
      throw new ApiError('LAYSO_NETWORK', NETWORK_ERROR, res.status);
    }
    if (!res.ok) {
      const err = (json as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)
        ?.error;
      throw new ApiError(
        typeof err?.code === 'string' ? err.code : 'LAYSO_INTERNAL',
        typeof err?.message === 'string' ? err.message : NETWORK_ERROR,
        res.status,
        err?.details,
      );
    }
    return json;
  };
}

/** A file answered by the server (an export) and the name it gave it. */
export interface DownloadedFile {
  blob: Blob;
  name: string;
}

/**
 * GETs a file (a CSV or XLSX export) with the same token as every other call — a Bearer header, never a cookie —
 * the server's refusal read into an `ApiError`, and the name from its Content-Disposition (else `fallbackName`).
 */
export function createFetchFile(options: ApiOptions = {}) {
  const base = (options.baseUrl ?? '').replace(/\/$/, '');
  const doFetch = options.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  return async function fetchFile(path: string, fallbackName: string): Promise<DownloadedFile> {
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
        // A year's report over every site takes longer than a call.
        signal: timeout(options.timeoutMs ?? 60_000),
        cache: 'no-store',
      });
    } catch {
      throw new ApiError('LAYSO_NETWORK', NETWORK_ERROR, 0);
    }
    if (!res.ok) {
      const err = (
        (await res.json().catch(() => null)) as {
          error?: { code?: string; message?: string; details?: unknown };
        } | null
      )?.error;
      throw new ApiError(
        err?.code ?? 'LAYSO_INTERNAL',
        err?.message ?? NETWORK_ERROR,
        res.status,
        err?.details,
      );
    }
    const disposition = res.headers.get('content-disposition') ?? '';
    return { blob: await res.blob(), name: /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName };
  };
}
