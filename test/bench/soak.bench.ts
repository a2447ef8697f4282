/**
 * The soak's bench figures (issue 10, item 5) at the full scale of the center — 200 counters, 2,000 screens — with
 * the day compressed to 5,000 tickets so the bench ends in minutes on two cores (the full 50,000-ticket day is
 * `npm run soak`). Targets: call → every one of 2,000 screens p99 ≤ 1.5 × a bare Socket.IO broadcast's p99 to
 * 2,000 clients in the same run, and the server's RSS ≤ 250 MB. SOAK_* variables change any option
 * (SOAK_TICKETS=50000, SOAK_SCREENS=500, …). Prints a table and writes bench-results/soak-bench.json; a broken
 * invariant exits 1, a missed target is reported, not failed (benches measure, tests assert).
 */
import { FULL, parseOptions } from '../soak/options.js';
import { formatReport, writeResult } from '../soak/report.js';
import { runSoak } from '../soak/soak.js';

const options = parseOptions([], process.env, { ...FULL, tickets: 5000 });
const t0 = performance.now();
const result = await runSoak({
  ...options,
  log: (line) =>
    console.log(`[soak bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}`),
});
console.log(`\n${formatReport(result)}`);
console.log(`\nwritten: ${writeResult(result, 'soak-bench')}`);
if (result.failures.length) process.exit(1);
