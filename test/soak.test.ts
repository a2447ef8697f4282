/**
 * The soak in short (issue 10, item 4): a real server as a child process, 10 counters, 50 screens (ui-kit's
 * realtime client on real sockets), 6 kiosks, 10 phones and 1,000 tickets in a compressed day, through a
 * printer paper-out, a provincial outage and a `kill -9` with requests in flight. Every invariant of
 * soak/invariants.ts must have been checked and never broken. The full run is `npm run soak` (README).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVARIANTS } from './soak/invariants.js';
import { SHORT } from './soak/options.js';
import { formatReport } from './soak/report.js';
import { runSoak, type SoakResult } from './soak/soak.js';
import { killAllServerProcesses } from './support/child.js';

let result: SoakResult;

beforeAll(async () => {
  result = await runSoak({ ...SHORT, log: () => undefined });
}, 240_000);

afterAll(async () => {
  await killAllServerProcesses();
  if (result) console.log(`soak (short):\n${formatReport(result)}`);
});

describe('soak (short): a real server through paper-out, a provincial outage and kill -9', () => {
  it.each(INVARIANTS)('%s: checked and never broken', (name) => {
    const inv = result.invariants.find((i) => i.name === name);
    expect(inv?.checks, `${name} was never checked`).toBeGreaterThan(0);
    expect(inv?.broken, inv?.examples.join('\n')).toBe(0);
  });

  it('met every fault: prints refused, the province refused, the kill cut requests off', () => {
    const by = (k: string) => result.faults.find((f) => f.kind === k);
    expect(by('paper-out')?.refused).toBeGreaterThan(0);
    expect(by('provincial-outage')?.refused).toBeGreaterThan(0);
    const kill = by('kill');
    expect(kill?.restartMs).toBeGreaterThan(0);
    expect(kill?.checkedAfterRestart).toBeGreaterThan(0);
    // Every screen came back and converged after each fault.
    for (const f of result.faults) expect(f.converged).toBe(result.center.screens);
  });

  it('served the whole day, delivered every dossier and measured the fan-out', () => {
    expect(result.failures).toEqual([]);
    expect(result.actors.unexpected).toEqual([]);
    expect(result.tickets.acknowledged).toBeGreaterThanOrEqual(SHORT.tickets);
    expect(result.tickets.inDatabase).toBeGreaterThanOrEqual(result.tickets.acknowledged);
    expect(result.tickets.dossiersStored).toBe(result.tickets.dossiers);
    expect(result.tickets.dossiers).toBeGreaterThan(0);
    expect(result.callToScreensMs.count).toBeGreaterThan(0);
    expect(result.fanout.callToAllMs.count).toBe(SHORT.fanoutCalls);
    expect(result.fanout.bareBroadcastMs.count).toBe(SHORT.fanoutCalls);
    expect(result.fanout.bareCallMs.count).toBe(SHORT.fanoutCalls);
    expect(result.rss.points.length).toBeGreaterThan(0);
  });
});
