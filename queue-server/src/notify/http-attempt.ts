/**
 * One HTTP attempt of a provider adapter (./zns.ts, ./sms.ts): POST JSON with a time budget, then either the answer
 * (status + JSON body) for the adapter to read, or what the failure means for the dispatcher. Transport failures are
 * classified as for provincial sync (../sync/classify.ts): 408, 429, 5xx, timeouts and network errors are retried,
 * with the provider's Retry-After honoured. A redirect is never followed: it is a failure the health shows (the
 * provider URL is the admin's to fix). Error texts hold no personal data.
 */
import { classifyStatus, classifyThrown } from '../sync/classify.js';
import { parseRetryAfter } from '../sync/health.js';
import type { SendResult } from './adapter.js';

export interface Answer {
  status: number;
  /** The parsed body, or null when it was not JSON. */
  json: unknown;
}

export async function postJson(
  url: string,
  headers: Record<string, string>,
  body: unknown,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  fetchImpl: typeof fetch = fetch,
): Promise<Answer | SendResult> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let response: Response;
  let json: unknown = null;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: combined,
      // A provider that redirects is misconfigured (or a relay into our network): never followed.
      redirect: 'manual',
    });
    const text = await response.text();
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  } catch (e) {
    const outcome = classifyThrown(e, timeout.aborted, timeoutMs);
    return { retry: outcome.kind === 'retry' ? outcome.error : 'network error' };
  }
  if (response.status >= 300 && response.status < 400) {
    return { retry: `HTTP ${response.status}: redirect not followed` };
  }
  const verdict = classifyStatus(response.status, response.headers.get('retry-after'));
  if (verdict.kind === 'retry') {
    const after = parseRetryAfter(verdict.retryAfter, Date.now());
    return after === null ? { retry: verdict.error } : { retry: verdict.error, after };
  }
  return { status: response.status, json };
}

export function isAnswer(value: Answer | SendResult): value is Answer {
  return typeof value === 'object' && 'status' in value && 'json' in value;
}
