/**
 * `npm run soak`: the full soak (200 counters, 2,000 screens, 50,000 tickets, five faults) against a real server.
 * Options by flag or environment: `npm run soak -- --counters 50 --screens 500 --tickets 5000`, SOAK_TICKETS=…,
 * `--faults kill,paper-out`, `--keep-data`. Prints a table, writes bench-results/soak.json, and exits 1 when an
 * invariant broke.
 */
import { killAllServerProcesses } from '../support/child.js';
import { FULL, parseCommandLine, USAGE } from './options.js';
import { formatReport, writeResult } from './report.js';
import { runSoak } from './soak.js';

let parsed;
try {
  parsed = parseCommandLine(process.argv.slice(2), process.env, FULL);
} catch (e) {
  console.error(`soak: ${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
  process.exit(2);
}
if (parsed.help) {
  console.log(USAGE);
  process.exit(0);
}
const options = parsed.options;
const t0 = performance.now();
const log = (line: string) =>
  console.log(`[soak ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}`);
log(
  `${options.counters} counters, ${options.screens} screens, ${options.tickets} tickets at ${options.ticketsPerSecond}/s; ` +
    `faults: ${options.faults.join(', ') || 'none'}`,
);
// Whatever ends the run, no server child is left behind.
process.on('uncaughtException', (e) => {
  console.error('soak:', e);
  void killAllServerProcesses().finally(() => process.exit(1));
});
const result = await runSoak({ ...options, log });
console.log(`\n${formatReport(result)}`);
console.log(`\nwritten: ${writeResult(result)}`);
process.exit(result.failures.length ? 1 : 0);
