/**
 * The provincial stand-in's misbehaviours (./provincial-mock.ts): what they are, how a change is checked, and the
 * gate every `POST /dossiers` and `GET /dossiers/:code` passes before anything is read or stored — plus the
 * control API that changes them at run time (`GET`/`POST /_control`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { sendError, sendJson, type Counters, type Outcome } from './provincial-mock-wire.js';

/** The misbehaviours, all changeable at run time (`setFaults` or `POST /_control`). */
export interface ProvincialFaults {
  /** 0..1: share of POSTs answered 500/502/503 without storing. */
  errorRate: number;
  /** Added before answering every request (except `/_control`). */
  latencyMs: number;
  /** 0..1: share of POSTs held `hangMs` and then closed without a reply. */
  hangRate: number;
  hangMs: number;
  /** 0..1: share of POSTs whose socket is destroyed without a reply. */
  dropRate: number;
  /** Outage window in seconds since the mock started: every POST in [from, to) gets 503. Null = none. */
  outageFrom: number | null;
  outageTo: number | null;
  /** Run-time outage switch: while true every POST gets 503. */
  down: boolean;
  /** 0..1: share of POSTs answered 429 with `Retry-After: retryAfterSeconds`. */
  rateLimitRate: number;
  retryAfterSeconds: number;
  /** 0..1: share of POSTs stored and then failed anyway (reply lost); the retry gets 409. */
  failAfterStoreRate: number;
  /** How such a reply is lost: a 500, or a destroyed socket. */
  failAfterStoreMode: 'error' | 'drop';
}

export const DEFAULT_FAULTS: Readonly<ProvincialFaults> = Object.freeze({
  errorRate: 0,
  latencyMs: 0,
  hangRate: 0,
  hangMs: 3000,
  dropRate: 0,
  outageFrom: null,
  outageTo: null,
  down: false,
  rateLimitRate: 0,
  retryAfterSeconds: 5,
  failAfterStoreRate: 0,
  failAfterStoreMode: 'error',
});

export class FaultsError extends Error {
  override name = 'FaultsError';
}

const Rate = z.number().min(0).max(1);
const Millis = z
  .number()
  .int()
  .min(0)
  .max(10 * 60_000);
const Seconds = z
  .number()
  .min(0)
  .max(365 * 24 * 3600);

const FaultsPatch = z
  .strictObject({
    errorRate: Rate,
    latencyMs: Millis,
    hangRate: Rate,
    hangMs: Millis,
    dropRate: Rate,
    outageFrom: Seconds.nullable(),
    outageTo: Seconds.nullable(),
    down: z.boolean(),
    rateLimitRate: Rate,
    retryAfterSeconds: z.number().int().min(0).max(86_400),
    failAfterStoreRate: Rate,
    failAfterStoreMode: z.enum(['error', 'drop']),
  })
  .partial();

/** Applies `patch` to `current` (both validated); throws {@link FaultsError} with every problem listed. */
export function mergeFaults(current: ProvincialFaults, patch: unknown): ProvincialFaults {
  const parsed = FaultsPatch.safeParse(patch);
  if (!parsed.success) {
    throw new FaultsError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '),
    );
  }
  const defined = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  const next: ProvincialFaults = { ...current, ...defined };
  if ((next.outageFrom === null) !== (next.outageTo === null)) {
    throw new FaultsError('outageFrom and outageTo are set together (or both null)');
  }
  if (next.outageFrom !== null && next.outageTo !== null && next.outageFrom >= next.outageTo) {
    throw new FaultsError('outageFrom must be before outageTo');
  }
  return next;
}

/** The faults that differ from the defaults, as `name=value` (for a start-up line). */
export function describeFaults(faults: ProvincialFaults): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(faults)) {
    if (value !== DEFAULT_FAULTS[name as keyof ProvincialFaults]) parts.push(`${name}=${String(value)}`);
  }
  return parts.length ? parts.join(' ') : 'none';
}

const ERROR_STATUSES = [500, 502, 503] as const;

export interface FaultGateOptions {
  /** Source of randomness in [0, 1) for the rates. */
  random: () => number;
  /** Milliseconds clock for the outage window. */
  now: () => number;
  /** Waits `ms`; false when the mock closed meanwhile. */
  wait: (ms: number) => Promise<boolean>;
  /** Where each fault that fired is counted. */
  counters: Counters;
}

/** The faults as they stand, and whether one fires on a request. */
export class FaultGate {
  private current: ProvincialFaults;
  private readonly startedAt: number;

  /** Throws {@link FaultsError} on a bad initial value. */
  constructor(
    initial: Partial<ProvincialFaults>,
    private readonly o: FaultGateOptions,
  ) {
    this.current = mergeFaults({ ...DEFAULT_FAULTS }, initial);
    this.startedAt = o.now();
  }

  get(): ProvincialFaults {
    return { ...this.current };
  }

  /** Validates and applies a partial change; throws {@link FaultsError} on a bad value. */
  set(patch: unknown): ProvincialFaults {
    this.current = mergeFaults(this.current, patch);
    return this.get();
  }

  /** Draws only for a rate above 0, so a test's injected sequence is spent on the faults it switched on. */
  private hit(rate: number): boolean {
    return rate > 0 && this.o.random() < rate;
  }

  private inOutage(): boolean {
    const { down, outageFrom, outageTo } = this.current;
    if (down) return true;
    if (outageFrom === null || outageTo === null) return false;
    const elapsed = (this.o.now() - this.startedAt) / 1000;
    return elapsed >= outageFrom && elapsed < outageTo;
  }

  /** The faults, in order, before anything is read or stored: the outcome of the one that fired, or null. */
  async check(req: IncomingMessage, res: ServerResponse, key: string | null): Promise<Outcome | null> {
    const f = this.current;
    const counts = this.o.counters.faults;
    if (this.inOutage()) {
      counts.outage += 1;
      return { key, status: sendError(res, 'MOCK_UNAVAILABLE'), outcome: 'outage' };
    }
    if (this.hit(f.dropRate)) {
      counts.drop += 1;
      return { key, status: drop(req), outcome: 'drop' };
    }
    if (this.hit(f.hangRate)) {
      counts.hang += 1;
      await this.o.wait(f.hangMs);
      return { key, status: drop(req), outcome: 'hang' };
    }
    if (this.hit(f.rateLimitRate)) {
      counts.rateLimited += 1;
      const headers = { 'retry-after': String(f.retryAfterSeconds) };
      return { key, status: sendError(res, 'MOCK_RATE_LIMITED', { headers }), outcome: 'rateLimited' };
    }
    if (this.hit(f.errorRate)) {
      counts.error += 1;
      const status = ERROR_STATUSES[Math.floor(this.o.random() * ERROR_STATUSES.length)] ?? 500;
      return { key, status: sendError(res, 'MOCK_INTERNAL', { status }), outcome: 'error' };
    }
    return null;
  }

  /** After a record was stored: whether its reply is lost anyway (the province kept it; the retry gets 409). */
  afterStore(req: IncomingMessage, res: ServerResponse, key: string): Outcome | null {
    if (!this.hit(this.current.failAfterStoreRate)) return null;
    this.o.counters.faults.failAfterStore += 1;
    if (this.current.failAfterStoreMode === 'drop')
      return { key, status: drop(req), outcome: 'failAfterStore' };
    return { key, status: sendError(res, 'MOCK_INTERNAL'), outcome: 'failAfterStore' };
  }

  /** `POST /_control`: a JSON object of fault names changes them; the reply is the faults now. */
  control(res: ServerResponse, raw: Buffer): Outcome {
    let patch: unknown;
    try {
      patch = raw.length ? JSON.parse(raw.toString('utf8')) : {};
    } catch {
      return { status: sendError(res, 'MOCK_BAD_JSON'), outcome: 'rejected' };
    }
    try {
      this.set(patch);
    } catch (e) {
      if (!(e instanceof FaultsError)) throw e;
      return { status: sendError(res, 'MOCK_BAD_CONTROL', { details: e.message }), outcome: 'rejected' };
    }
    sendJson(res, 200, this.current);
    return { status: 200, outcome: 'ok' };
  }
}

/** Closes the request's socket without a reply. */
function drop(req: IncomingMessage): null {
  req.socket.destroy();
  return null;
}
