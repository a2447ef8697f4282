/**
 * One clock for every process of a fan-out measurement. `process.hrtime` reads CLOCK_MONOTONIC, which on Linux is
 * one clock for the whole machine: a time taken in a screen worker and one taken in the process that sent the
 * call are comparable, and NTP never steps it. `performance.now()` is not: it counts from each process's (or
 * worker thread's) own start. `performance.timeOrigin + performance.now()` would be, but only as well as each
 * process read the wall clock at its start, and a wall-clock step between two starts shifts one against the other.
 */
export function monoMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
