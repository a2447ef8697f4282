/**
 * The misbehaviours of one notice stand-in (SMS, ZNS or Web Push; ./mock.ts), with the same flags and order as the
 * provincial stand-in (../sync/provincial-mock.ts): outage → drop → hang → 429 with Retry-After → 500/502/503, all
 * decided before anything is kept; `failAfterStoreRate` loses the reply after keeping the message, so a retry
 * with the same key must not reach the phone twice. Each provider has its own gate: one can be down while the
 * others are healthy, as in life.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_FAULTS, mergeFaults, type ProvincialFaults } from '../sync/provincial-mock-faults.js';
import { sendJson, type FaultKind } from '../sync/provincial-mock-wire.js';

/** The fault flags are the provincial stand-in's: one vocabulary for every stand-in's CLI and control API. */
export type NoticeFaults = ProvincialFaults;

export interface FaultCounts {
  error: number;
  hang: number;
  drop: number;
  rateLimited: number;
  outage: number;
  failAfterStore: number;
}

export interface GateOptions {
  /** Called each time a stand-in keeps a new message (tests wait on it instead of polling). */
  onStored?: () => void;
  faults?: Partial<NoticeFaults>;
  random: () => number;
  now: () => number;
}

const ERROR_STATUSES = [500, 502, 503] as const;

/** `{error:{code,message}}` with a "vi / en" message, like every error of the project. */
export function sendMockError(
  res: ServerResponse,
  status: number,
  code: string,
  vi: string,
  en: string,
  headers: Record<string, string> = {},
): number {
  sendJson(res, status, { error: { code, message: `${vi} / ${en}` } }, headers);
  return status;
}

export class FaultGate {
  private current: NoticeFaults;
  private readonly startedAt: number;
  private counts: FaultCounts = FaultGate.zero();
  /** Pending delays (latency, hangs): `close()` ends them at once. */
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private closing = false;

  constructor(private readonly options: GateOptions) {
    this.current = mergeFaults({ ...DEFAULT_FAULTS }, options.faults ?? {});
    this.startedAt = options.now();
  }

  private static zero(): FaultCounts {
    return { error: 0, hang: 0, drop: 0, rateLimited: 0, outage: 0, failAfterStore: 0 };
  }

  faults(): NoticeFaults {
    return { ...this.current };
  }

  /** Validates and applies a partial change (throws FaultsError on a bad value); returns the result. */
  set(patch: unknown): NoticeFaults {
    this.current = mergeFaults(this.current, patch);
    return this.faults();
  }

  stats(): FaultCounts {
    return { ...this.counts };
  }

  resetCounts(): void {
    this.counts = FaultGate.zero();
  }

  /** Draws only for a rate above 0, so a test's injected sequence is spent on the faults it switched on. */
  private hit(rate: number): boolean {
    return rate > 0 && this.options.random() < rate;
  }

  private inOutage(): boolean {
    const { down, outageFrom, outageTo } = this.current;
    if (down) return true;
    if (outageFrom === null || outageTo === null) return false;
    const elapsed = (this.options.now() - this.startedAt) / 1000;
    return elapsed >= outageFrom && elapsed < outageTo;
  }

  /** Waits `ms`; resolves false when the stand-in was closed meanwhile (then nothing more is sent). */
  wait(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      if (this.closing) return resolve(false);
      if (ms <= 0) return resolve(true);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve(true);
      }, ms);
      this.timers.set(timer, () => resolve(false));
    });
  }

  /** Latency, then the faults in order: the kind that fired (the reply is sent or the socket gone), or null. */
  async before(req: IncomingMessage, res: ServerResponse): Promise<FaultKind | null> {
    if (!(await this.wait(this.current.latencyMs))) {
      req.socket.destroy();
      return 'drop';
    }
    if (this.inOutage()) {
      this.counts.outage += 1;
      sendMockError(
        res,
        503,
        'MOCK_UNAVAILABLE',
        'Nhà cung cấp tạm ngừng (giả lập)',
        'Provider down (simulated)',
      );
      return 'outage';
    }
    if (this.hit(this.current.dropRate)) {
      this.counts.drop += 1;
      req.socket.destroy();
      return 'drop';
    }
    if (this.hit(this.current.hangRate)) {
      this.counts.hang += 1;
      await this.wait(this.current.hangMs);
      req.socket.destroy();
      return 'hang';
    }
    if (this.hit(this.current.rateLimitRate)) {
      this.counts.rateLimited += 1;
      const retryAfter = { 'retry-after': String(this.current.retryAfterSeconds) };
      sendMockError(res, 429, 'MOCK_RATE_LIMITED', 'Gửi quá nhanh', 'Too many requests', retryAfter);
      return 'rateLimited';
    }
    if (this.hit(this.current.errorRate)) {
      this.counts.error += 1;
      const status = ERROR_STATUSES[Math.floor(this.options.random() * ERROR_STATUSES.length)] ?? 500;
      sendMockError(res, status, 'MOCK_INTERNAL', 'Lỗi hệ thống (giả lập)', 'Internal error (simulated)');
      return 'error';
    }
    return null;
  }

  /** After keeping a message: true when its reply is lost on purpose (and then already lost). */
  lostAfterStore(req: IncomingMessage, res: ServerResponse): boolean {
    if (!this.hit(this.current.failAfterStoreRate)) return false;
    this.counts.failAfterStore += 1;
    if (this.current.failAfterStoreMode === 'drop') req.socket.destroy();
    else sendMockError(res, 500, 'MOCK_INTERNAL', 'Lỗi hệ thống (giả lập)', 'Internal error (simulated)');
    return true;
  }

  close(): void {
    this.closing = true;
    for (const [timer, cancel] of this.timers) {
      clearTimeout(timer);
      cancel();
    }
    this.timers.clear();
  }
}
