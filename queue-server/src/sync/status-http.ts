/**
 * The provincial status adapter of our documented contract (DESIGN.md, "Provincial status"):
 * `GET ${PROVINCIAL_URL}/dossiers/{MaHoSo}` with the same bearer token as the sync. 200 → the status (validated);
 * 404 → null (the province does not know the code); anything else the province could not answer now — 5xx, 429,
 * 408, a timeout, the network, an abort, or a reply that is not a status of the code asked — is
 * {@link StatusUnavailable}, so callers answer from the register. Nothing here logs or keeps a reply's body.
 */
import { ProvincialStatus } from '@layso/protocol';
import type { Config } from '../config.js';
import { NO_PROVINCE, StatusUnavailable, type ProvincialStatusAdapter } from './status.js';

export interface HttpStatusOptions {
  /** Base URL of the provincial system (PROVINCIAL_URL). */
  url: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token?: string | undefined;
  /** Per request, reply body included (default 5 s); a caller's `signal` may end it sooner. */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

export class HttpStatusAdapter implements ProvincialStatusAdapter {
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: HttpStatusOptions) {
    this.base = options.url.trim().replace(/\/+$/, '');
    this.timeoutMs = Math.max(1, options.timeoutMs ?? 5_000);
    this.fetchImpl = options.fetchImpl ?? fetch;
  }

  async fetchStatus(code: string, signal?: AbortSignal): Promise<ProvincialStatus | null> {
    if (signal?.aborted) throw new StatusUnavailable('aborted');
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.options.token) headers.Authorization = `Bearer ${this.options.token}`;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let res: Response;
    let text: string;
    try {
      res = await this.fetchImpl(`${this.base}/dossiers/${encodeURIComponent(code)}`, {
        headers,
        signal: both,
      });
      // Read to the end (frees the connection), inside the same timeout: a province that sends half a body hangs.
      text = await res.text();
    } catch (e) {
      if (timeout.aborted) throw new StatusUnavailable(`timeout after ${this.timeoutMs} ms`);
      if (signal?.aborted) throw new StatusUnavailable('aborted');
      throw new StatusUnavailable(`network error: ${e instanceof Error ? e.name : 'unknown'}`);
    }
    if (res.status === 404) return null;
    if (res.status !== 200) throw new StatusUnavailable(`HTTP ${res.status}`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new StatusUnavailable('reply is not JSON');
    }
    const parsed = ProvincialStatus.safeParse(body);
    if (!parsed.success) throw new StatusUnavailable('reply is not a dossier status');
    // A status of another dossier is the province's (or a proxy's) mistake: never stored under this code.
    if (parsed.data.MaHoSo !== code) throw new StatusUnavailable('reply names another dossier');
    return parsed.data;
  }
}

/** The adapter of a configured server: HTTP to PROVINCIAL_URL, or {@link NO_PROVINCE} without one. */
export function statusAdapterFromConfig(
  config: Pick<Config, 'PROVINCIAL_URL' | 'PROVINCIAL_TOKEN' | 'PROVINCIAL_TIMEOUT_SECONDS'>,
  fetchImpl?: typeof fetch,
): ProvincialStatusAdapter {
  const url = config.PROVINCIAL_URL?.trim();
  if (!url) return NO_PROVINCE;
  return new HttpStatusAdapter({
    url,
    token: config.PROVINCIAL_TOKEN,
    // A status is small: it never needs the delivery's long timeout, and the kiosk's budget is shorter still.
    timeoutMs: Math.min(config.PROVINCIAL_TIMEOUT_SECONDS, 5) * 1000,
    ...(fetchImpl ? { fetchImpl } : {}),
  });
}
