/**
 * The soak's report: a table a person reads, and the JSON kept in bench-results/ (like the other benches). The
 * bench targets of issue 10: call → every one of N screens p99 ≤ 1.5 × a bare Socket.IO broadcast's p99 to as many
 * clients, measured in the same run, and the server's RSS ≤ 250 MB.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/child.js';
import type { SoakResult } from './soak.js';

export const TARGET_RATIO = 1.5;
export const TARGET_RSS_MB = 250;

export function formatReport(r: SoakResult): string {
  const ms = (s: { p50: number; p99: number; count: number }) =>
    `p50 ${s.p50} ms · p99 ${s.p99} ms (n=${s.count})`;
  const rows: [string, string][] = [
    [
      'center',
      `${r.center.counters} counters · ${r.center.services} services · ${r.center.screens} screens · ${r.center.kiosks} kiosks · ${r.center.phones} phones`,
    ],
    ['time', `setup ${r.seconds.setup} s · day ${r.seconds.day} s · total ${r.seconds.total} s`],
    [
      'tickets',
      `${r.tickets.acknowledged} acknowledged · ${r.tickets.inDatabase} in the database · ${r.actors.calls} calls · ${r.actors.finished} finished · ${r.actors.noShows} no-shows`,
    ],
    ['dossiers', `${r.tickets.dossiers} received · ${r.tickets.dossiersStored} stored by the province`],
    [
      'prints',
      `${r.actors.printed} printed · ${r.actors.notPrinted} refused on a fault · ${r.actors.printTooLate} too late (called)`,
    ],
    ['phones', `${r.actors.tracked} tickets followed · ${r.actors.trackPolls} reads`],
    ['issue', ms(r.issueMs)],
    ['call → its screens', `${ms(r.callToScreensMs)} · ${r.callToScreensMs.incomplete} cut off by faults`],
    [`call → all ${r.fanout.screens}`, ms(r.fanout.callToAllMs)],
    ['bare broadcast', ms(r.fanout.bareBroadcastMs)],
    ["bare, a call's 3 messages", ms(r.fanout.bareCallMs)],
    ['p99 ratio', `${r.fanout.p99Ratio} × (target ≤ ${TARGET_RATIO} ×)`],
    ['server RSS', `max ${r.rss.maxMb} MB (target ≤ ${TARGET_RSS_MB} MB)`],
    ...r.faults.map((f): [string, string] => [
      `fault ${f.part - 1}: ${f.kind}`,
      [
        f.inFlightAtKill !== undefined ? `${f.inFlightAtKill} requests in flight` : '',
        f.restartMs !== undefined ? `restart ${f.restartMs} ms` : '',
        f.checkedAfterRestart !== undefined ? `${f.checkedAfterRestart} tickets re-read` : '',
        f.refused !== undefined ? `${f.refused} refused during the fault` : '',
        `${f.converged ?? 0} screens converged in ${f.convergeMs ?? '?'} ms`,
      ]
        .filter(Boolean)
        .join(' · '),
    ]),
    ...r.invariants.map((i): [string, string] => [
      i.name,
      i.broken ? `BROKEN ${i.broken} × of ${i.checks}: ${i.examples[0] ?? ''}` : `held (${i.checks} checks)`,
    ]),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`);
  if (r.actors.unexpected.length) lines.push('', `unexpected replies: ${r.actors.unexpected.join('; ')}`);
  if (r.failures.length) lines.push('', 'FAILURES:', ...r.failures.map((f) => `  - ${f}`));
  return lines.join('\n');
}

/** Writes bench-results/<name>.json at the repository root; the RSS series is thinned to at most 300 points. */
export function writeResult(r: SoakResult, name = 'soak'): string {
  const dir = join(REPO_ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const step = Math.max(1, Math.ceil(r.rss.points.length / 300));
  const out = {
    ...r,
    rss: { ...r.rss, points: r.rss.points.filter((_, i) => i % step === 0) },
    targets: {
      p99RatioMax: TARGET_RATIO,
      rssMbMax: TARGET_RSS_MB,
      ratioMet: r.fanout.p99Ratio <= TARGET_RATIO,
      rssMet: r.rss.maxMb <= TARGET_RSS_MB,
    },
    at: new Date().toISOString(),
  };
  const file = join(dir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  return file;
}
