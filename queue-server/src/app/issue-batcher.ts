import type { Ticket } from '@layso/protocol';
import type { Committed, Outgoing } from './events.js';
import type { IssueRequest, QueueService } from './queue.js';

interface Waiter {
  request: IssueRequest;
  resolve(value: Committed<Ticket>): void;
  reject(reason: unknown): void;
}

/**
 * Group commit for kiosks: requests that arrive in the same turn of the event loop are issued in one
 * transaction (one fsync), then each gets its reply. A ticket is still acknowledged only after it is durable;
 * the disk's flush is simply shared. One refused request does not fail the others.
 */
export class IssueBatcher {
  private waiting: Waiter[] = [];

  constructor(
    private readonly queue: QueueService,
    private readonly publish: (events: Outgoing[]) => void,
    private readonly maxBatch = 256,
  ) {}

  issue(request: IssueRequest): Promise<Committed<Ticket>> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      if (this.waiting.length === 1) setImmediate(() => this.flush());
      else if (this.waiting.length >= this.maxBatch) this.flush();
    });
  }

  private flush(): void {
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 0) return;
    let outcome: ReturnType<QueueService['issueMany']>;
    try {
      outcome = this.queue.issueMany(batch.map((w) => w.request));
    } catch (e) {
      for (const w of batch) w.reject(e);
      return;
    }
    try {
      this.publish(outcome.events);
    } catch {
      // The tickets are committed; screens catch up on their next snapshot. Never fail the kiosks for it.
    }
    batch.forEach((w, i) => {
      const r = outcome.results[i];
      if (r === undefined || r instanceof Error) w.reject(r);
      else w.resolve({ value: r, events: [] });
    });
  }
}
