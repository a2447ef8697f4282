/**
 * HTTP helpers for cross-part tests. `api` is fetch with JSON in and out; `rawRequest` goes through node:http
 * so a test controls every byte fetch would normalise away: the path as written (`../`, bad percent-encoding),
 * any content-type, a body on any method, no body at all.
 */
import { Agent, request, type IncomingHttpHeaders } from 'node:http';

export interface JsonReply {
  status: number;
  body: any;
}

export async function api(
  base: string,
  path: string,
  init: { method?: string; token?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<JsonReply> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(base + path, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
    ...(init.signal ? { signal: init.signal } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: parseJson(text) };
}

export function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export interface RawReply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: unknown;
}

export interface RawRequest {
  method: string;
  /** Sent exactly as given (it must only avoid characters node:http refuses: spaces, controls, non-ASCII). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The source address (another desk: anything in 127.0.0.0/8); default 127.0.0.1. */
  from?: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

export function rawRequest(port: number, req: RawRequest): Promise<RawReply> {
  return new Promise<RawReply>((resolve, reject) => {
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body !== undefined) headers['content-length'] = Buffer.byteLength(req.body);
    const r = request(
      {
        host: '127.0.0.1',
        port,
        method: req.method,
        path: req.path,
        headers,
        agent,
        ...(req.from ? { localAddress: req.from } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: parseJson(text) });
        });
      },
    );
    r.on('error', reject);
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

/** Closes the keep-alive sockets `rawRequest` holds, so the server can close promptly. */
export function closeRawSockets(): void {
  agent.destroy();
}
