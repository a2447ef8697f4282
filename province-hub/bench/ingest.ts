import { MAX_BATCH_FACTS, type HubFact } from '@layso/protocol';
import type { Hub } from '../src/server.js';
import { issueSiteKey } from '../src/sites.js';

export interface IngestFigures {
  sites: number;
  batches: number;
  facts: number;
  seconds: number;
  factsPerSecond: number;
  batchP50Ms: number;
  batchP99Ms: number;
}

/** A site's facts from seq `first`: each ticket issued, called, finished and rated (4 facts), a working day's pace. */
function factsFrom(first: number, count: number): HubFact[] {
  const facts: HubFact[] = [];
  const start = Date.parse('2026-03-02T07:30:00+07:00');
  for (let seq = first; seq < first + count; seq++) {
    const n = Math.floor((seq - 1) / 4);
    const ticket = `A${String(n % 10_000).padStart(4, '0')}`;
    const service = `S${(n % 8) + 1}`;
    const at = new Date(start + n * 45_000 + ((seq - 1) % 4) * 300_000).toISOString();
    const step = (seq - 1) % 4;
    if (step === 0) facts.push({ kind: 'issued', seq, at, ticket, service });
    else if (step === 1) facts.push({ kind: 'called', seq, at, ticket, service, counter: (n % 20) + 1 });
    else if (step === 2) {
      facts.push({
        kind: 'finished',
        seq,
        at,
        ticket,
        service,
        counter: (n % 20) + 1,
        outcome: 'received',
        waitSeconds: 300 + (n % 1200),
        serviceSeconds: 300,
      });
    } else
      facts.push({ kind: 'rating', seq, at, ticket, service, counter: (n % 20) + 1, rating: 'satisfied' });
  }
  return facts;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/**
 * `sites` simulated sites, all at once, each sending `batches` full batches (MAX_BATCH_FACTS facts) one after the
 * other over HTTP, as a site catching up does: what one hub process takes in. Bounded: sites × batches requests.
 */
export async function ingestBench(hub: Hub, sites: number, batches: number): Promise<IngestFigures> {
  const keys: string[] = [];
  for (let i = 1; i <= sites; i++) {
    keys.push(await issueSiteKey(hub.pool, { code: `ingest-${i}`, name: `Điểm ${i}`, commune: `Xã ${i}` }));
  }
  // The bodies are made before the clock starts: the bench measures the hub, not the generator.
  const bodies = Array.from({ length: batches }, (_, b) => {
    const firstSeq = b * MAX_BATCH_FACTS + 1;
    return { firstSeq, facts: factsFrom(firstSeq, MAX_BATCH_FACTS) };
  });
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    keys.map(async (key, i) => {
      const site = `ingest-${i + 1}`;
      for (const { firstSeq, facts } of bodies) {
        const t = performance.now();
        const r = await fetch(`${hub.url}/api/hub/batches`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ site, firstSeq, lastSeq: firstSeq + facts.length - 1, facts }),
        });
        const body = await r.text();
        if (r.status !== 200) throw new Error(`batch refused: ${r.status} ${body}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const facts = sites * batches * MAX_BATCH_FACTS;
  return {
    sites,
    batches: sites * batches,
    facts,
    seconds: Math.round(seconds * 100) / 100,
    factsPerSecond: Math.round(facts / seconds),
    batchP50Ms: Math.round(percentile(latencies, 50)),
    batchP99Ms: Math.round(percentile(latencies, 99)),
  };
}
