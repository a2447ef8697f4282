/**
 * What the soak measures: latencies (issue; call → every screen that shows the call) and the server's resident
 * memory over time (VmRSS of the child from /proc). The fan-out's bare baseline is fanout/fanout.ts's.
 */
import { readFileSync } from 'node:fs';

export class Samples {
  private readonly values: number[] = [];
  add(ms: number): void {
    this.values.push(ms);
  }
  get count(): number {
    return this.values.length;
  }
  summary(): { count: number; p50: number; p90: number; p99: number; max: number } {
    const v = [...this.values].sort((a, b) => a - b);
    const at = (q: number) =>
      v.length ? (v[Math.min(v.length - 1, Math.floor(q * v.length))] as number) : 0;
    const r = (x: number) => Math.round(x * 10) / 10;
    return { count: v.length, p50: r(at(0.5)), p90: r(at(0.9)), p99: r(at(0.99)), max: r(at(1)) };
  }
}

interface Pending {
  sentAt?: number;
  expected?: number;
  got: number;
  last: number;
}

/**
 * Call → every screen: the officer's call-next is sent at `sentAt`; the call has reached every screen that
 * shows it (the whole-lobby displays, its service's displays, its counter's top) when the last of them hears
 * its `ticket:called`. Calls made while screens were reconnecting never complete and are counted apart.
 */
export class CallTracker {
  readonly latency = new Samples();
  incomplete = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(private expectedFor: (serviceId: number, counterId: number) => number) {}

  /** The fan-out phase: every screen shows every call. */
  setExpected(f: (serviceId: number, counterId: number) => number): void {
    this.expectedFor = f;
  }

  sent(ticketId: number, serviceId: number, counterId: number, at: number): void {
    const p = this.pending.get(ticketId) ?? { got: 0, last: 0 };
    p.sentAt = at;
    p.expected = this.expectedFor(serviceId, counterId);
    this.pending.set(ticketId, p);
    this.settle(ticketId, p);
  }

  heard(ticketId: number, recall: number, at: number): void {
    if (recall > 0) return;
    const p = this.pending.get(ticketId) ?? { got: 0, last: 0 };
    p.got += 1;
    p.last = Math.max(p.last, at);
    this.pending.set(ticketId, p);
    this.settle(ticketId, p);
  }

  private settle(ticketId: number, p: Pending): void {
    if (p.sentAt === undefined || p.expected === undefined || p.got < p.expected) return;
    this.latency.add(p.last - p.sentAt);
    this.pending.delete(ticketId);
    this.waiter?.();
  }

  private waiter: (() => void) | null = null;

  /** Resolves true once `n` calls have reached every screen, false after `ms`. */
  reachedCount(n: number, ms: number): Promise<boolean> {
    if (this.latency.count >= n) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve(false);
      }, ms);
      this.waiter = () => {
        if (this.latency.count < n) return;
        clearTimeout(timer);
        this.waiter = null;
        resolve(true);
      };
    });
  }

  /** Calls still open when a fault cut the screens off: counted, then forgotten. */
  flush(): void {
    this.incomplete += [...this.pending.values()].filter((p) => p.sentAt !== undefined).length;
    this.pending.clear();
  }
}

/** VmRSS of a process in MB, or null once it is gone. */
export function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

/** Samples the server's RSS once a second (whichever child is the server now); stops with `stop()`. */
export function sampleRss(pidNow: () => number, label: () => string) {
  const start = performance.now();
  const points: { s: number; mb: number; phase: string }[] = [];
  const take = () => {
    const mb = rssMb(pidNow());
    if (mb !== null)
      points.push({ s: Math.round((performance.now() - start) / 100) / 10, mb, phase: label() });
  };
  take();
  const timer = setInterval(take, 1000);
  return {
    points,
    stop() {
      clearInterval(timer);
      take();
    },
    max: () => points.reduce((m, p) => Math.max(m, p.mb), 0),
  };
}
