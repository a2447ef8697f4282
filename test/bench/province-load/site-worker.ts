/**
 * A child process of the province load bench: many simulated sites, each committing its day's facts at the
 * compressed pace and sending them as a site does (queue-server's HubSender): the first fact after a quiet spell
 * waits the coalescing delay (150 ms) for those that follow, one batch of at most 500 facts in flight, and after an
 * acknowledgement whatever gathered meanwhile goes at once. Real HubBatch JSON over HTTP, each site with its own
 * key. Reports every batch (when each of its facts was committed, when it was acknowledged) to the parent.
 */
import { MAX_BATCH_FACTS, type HubFact } from '@layso/protocol';
import { siteDay, type DayFact } from './site-day.js';
import type { BacklogRecord, BatchRecord, ToParent, ToWorker, WorkerSite } from './messages.js';

const COALESCE_MS = 150;
const TICK_MS = 10;
const RETRY_MS = 500;
/** After the last fact is due, how long a site may take to be acknowledged before the run gives up on it. */
const DRAIN_LIMIT_MS = 60_000;
/** The backlog's bound: past it the part ends and says how much was still behind. */
const BACKLOG_LIMIT_MS = 240_000;

/** Resolves once the message is handed over: a large one still being written is lost if the channel closes. */
const send = (m: ToParent) =>
  new Promise<void>((resolve, reject) => {
    if (!process.send) return reject(new Error('no parent to report to'));
    process.send(m, undefined, {}, (err) => (err ? reject(err) : resolve()));
  });
const instant = (day: string, sec: number) =>
  new Date(Date.parse(`${day}T00:00:00+07:00`) + Math.round(sec * 1000)).toISOString();

async function post(url: string, key: string, body: unknown): Promise<void> {
  const r = await fetch(`${url}/api/hub/batches`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  const text = await r.text();
  if (r.status !== 200) throw new Error(`batch refused: ${r.status} ${text}`);
}

class SimSite {
  private seq = 0;
  private readonly pending: { fact: HubFact; created: number }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private inFlight = false;
  private next = 0;
  readonly batches: BatchRecord[] = [];
  failures = 0;

  constructor(
    private readonly site: WorkerSite,
    private readonly facts: readonly DayFact[],
    private readonly day: string,
    from: number,
  ) {
    // The site joins at `from`: what it committed earlier is not part of the run (nor a burst at its start).
    while ((this.facts[this.next]?.sec ?? Infinity) < from) this.next += 1;
  }

  /** Commits the facts whose simulated time has come. */
  release(simSec: number, now: number): void {
    while (this.next < this.facts.length && (this.facts[this.next]?.sec ?? Infinity) <= simSec) {
      const f = this.facts[this.next++];
      if (!f) break;
      this.seq += 1;
      const fact: HubFact = { ...f.fact, seq: this.seq, at: instant(this.day, f.sec) };
      this.pending.push({ fact, created: now });
    }
    if (this.pending.length > 0 && !this.inFlight && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, COALESCE_MS);
    }
  }

  get idle(): boolean {
    return this.pending.length === 0 && !this.inFlight && !this.timer;
  }

  private async flush(): Promise<void> {
    if (this.inFlight || this.pending.length === 0) return;
    this.inFlight = true;
    const taken = this.pending.slice(0, MAX_BATCH_FACTS);
    const facts = taken.map((p) => p.fact);
    const firstSeq = facts[0]?.seq ?? 0;
    const sentAt = Date.now();
    try {
      await post(this.site.url, this.site.key, {
        site: this.site.code,
        firstSeq,
        lastSeq: firstSeq + facts.length - 1,
        facts,
      });
      this.pending.splice(0, taken.length);
      this.batches.push({
        site: this.site.code,
        sentAt,
        ackAt: Date.now(),
        created: taken.map((p) => p.created),
      });
    } catch {
      // Kept and sent again after a pause, as a site does; counted so the report says so.
      this.failures += 1;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    } finally {
      this.inFlight = false;
    }
    if (this.pending.length > 0) void this.flush();
  }
}

/**
 * A site's backlog arriving at once (the link was down for days): 500-fact batches back to back; when it is all
 * acknowledged. Busy days of its own before today, as many as make `minFacts` (a busy week ≈ 7,000 tickets).
 */
async function backlog(site: WorkerSite, minFacts: number, today: string): Promise<BacklogRecord> {
  const facts: HubFact[] = [];
  for (let d = 1; facts.length < minFacts && d <= 60; d++) {
    const day = new Date(Date.parse(`${today}T12:00:00+07:00`) - d * 86_400_000).toISOString().slice(0, 10);
    for (const f of siteDay(10_000 + d)) {
      facts.push({ ...f.fact, seq: facts.length + 1, at: instant(day, f.sec) });
    }
  }
  const tickets = facts.filter((f) => f.kind === 'issued').length;
  await send({ kind: 'backlog-ready' });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  const started = Date.now();
  let batches = 0;
  let acknowledged = 0;
  for (let i = 0; i < facts.length && Date.now() - started < BACKLOG_LIMIT_MS; i += MAX_BATCH_FACTS) {
    const chunk = facts.slice(i, i + MAX_BATCH_FACTS);
    await post(site.url, site.key, {
      site: site.code,
      firstSeq: i + 1,
      lastSeq: i + chunk.length,
      facts: chunk,
    });
    batches += 1;
    acknowledged = i + chunk.length;
  }
  return { facts: facts.length, acknowledged, tickets, batches, startedAt: started, caughtUpAt: Date.now() };
}

async function run(m: Extract<ToWorker, { kind: 'sites' }>): Promise<void> {
  const sites = m.sites.map((s) => new SimSite(s, siteDay(s.seed), m.today, m.fromSec));
  await send({ kind: 'ready' });
  const start = await new Promise<number>((resolve) =>
    process.once('message', (g: ToWorker) => resolve(g.kind === 'go' ? g.at : Date.now())),
  );
  const endWall = start + ((m.toSec - m.fromSec) * 1000) / m.factor;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const now = Date.now();
      const simSec = m.fromSec + ((Math.min(now, endWall) - start) / 1000) * m.factor;
      for (const s of sites) s.release(simSec, now);
      const draining = now >= endWall;
      if ((draining && sites.every((s) => s.idle)) || now > endWall + DRAIN_LIMIT_MS) {
        clearInterval(tick);
        resolve();
      }
    }, TICK_MS);
  });
  await send({
    kind: 'done',
    batches: sites.flatMap((s) => s.batches),
    failures: sites.reduce((n, s) => n + s.failures, 0),
    unsent: sites.filter((s) => !s.idle).length,
  });
}

process.once('message', (m: ToWorker) => {
  const job =
    m.kind === 'sites'
      ? run(m)
      : m.kind === 'backlog'
        ? backlog(m.site, m.minFacts, m.today).then((record) => send({ kind: 'backlog-done', record }))
        : Promise.resolve();
  job.then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
});
