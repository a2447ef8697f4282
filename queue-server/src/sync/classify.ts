/**
 * What one delivery attempt means (issue 8, DESIGN.md "Provincial sync"): 2xx and 409 are delivered; 408, 429,
 * 5xx, timeouts and network errors are worth retrying (the province's trouble, not the record's); any other
 * answer is final — the record becomes a dead letter with the reason. Reasons never hold personal data.
 */

export type FailureKind = 'http_5xx' | 'http_408' | 'http_429' | 'timeout' | 'network';
export type DeadKind = 'http_4xx' | 'record' | 'attempts';

export type Outcome =
  | { kind: 'delivered'; status: number }
  | { kind: 'retry'; failure: FailureKind; error: string; retryAfter: string | null }
  | { kind: 'dead'; dead: DeadKind; error: string };

export function classifyStatus(status: number, retryAfter: string | null): Outcome {
  if ((status >= 200 && status < 300) || status === 409) return { kind: 'delivered', status };
  const error = `HTTP ${status}`;
  if (status === 408) return { kind: 'retry', failure: 'http_408', error, retryAfter: null };
  if (status === 429) return { kind: 'retry', failure: 'http_429', error, retryAfter };
  if (status >= 500) return { kind: 'retry', failure: 'http_5xx', error, retryAfter: null };
  return { kind: 'dead', dead: 'http_4xx', error };
}

/** A request that got no HTTP answer: our timeout, or the network (refused, reset, DNS …). */
export function classifyThrown(e: unknown, timedOut: boolean, timeoutMs: number): Outcome {
  if (timedOut) {
    return { kind: 'retry', failure: 'timeout', error: `timeout after ${timeoutMs} ms`, retryAfter: null };
  }
  // undici: TypeError('fetch failed') with the socket error as its cause (ECONNREFUSED, ECONNRESET, …).
  const cause = e instanceof Error ? (e as { cause?: unknown }).cause : undefined;
  const code =
    cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string'
      ? cause.code
      : null;
  const name = e instanceof Error ? e.name : 'Error';
  return {
    kind: 'retry',
    failure: 'network',
    error: `network error: ${name}${code ? ` ${code}` : ''}`.slice(0, 200),
    retryAfter: null,
  };
}
