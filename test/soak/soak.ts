/**
 * One soak run: builds the big center on a real server, runs a compressed day cut into parts with a fault in each
 * part after the first, checks that every screen converged after each part, drains the queues, measures the
 * fan-out to every screen against a bare broadcast, then stops the server and checks the database and the
 * province. Returns the figures and every invariant's checks and breaks; the caller decides pass or fail.
 */
import { rmSync } from 'node:fs';
import { api } from '../support/http.js';
import {
  newStats,
  runKiosk,
  runOfficer,
  runPhone,
  type ActorStats,
  type KioskShared,
  type OfficerShared,
} from './actors.js';
import { Control } from './control.js';
import { killAndRestart, startFault, type FaultReport } from './faults.js';
import { INVARIANTS, Ledger, checkDatabase, checkProvince, type Invariant } from './invariants.js';
import { fanoutPhase, within, type FanoutFigures } from './fanout-phase.js';
import { CallTracker, Samples, sampleRss } from './metrics.js';
import type { SoakOptions } from './options.js';
import type { Screen } from './screens.js';
import { drawn, freshSnapshot, startScreens } from './screens.js';
import { buildCenter, pool, startWorld, type Center, type SoakScreenSpec, type World } from './setup.js';

type Summary = ReturnType<Samples['summary']>;

export interface SoakResult {
  options: Omit<SoakOptions, 'log'>;
  seconds: { setup: number; day: number; total: number };
  center: { services: number; counters: number; screens: number; kiosks: number; phones: number };
  tickets: { acknowledged: number; inDatabase: number; dossiers: number; dossiersStored: number };
  actors: ActorStats;
  issueMs: Summary;
  callToScreensMs: Summary & { incomplete: number };
  fanout: FanoutFigures;
  rss: { maxMb: number; points: { s: number; mb: number; phase: string }[] };
  faults: FaultReport[];
  invariants: { name: Invariant; checks: number; broken: number; examples: string[] }[];
  failures: string[];
}

/** The center's agency identifier, for the dossier codes the officers type. */
const AGENCY = '000.00.12.H61';

export async function runSoak(o: SoakOptions): Promise<SoakResult> {
  const started = performance.now();
  const world = await startWorld(o.entry);
  o.log(`DATA_DIR ${world.dataDir}; server pid ${world.server.pid} on ${world.url()}`);
  let phase = 'setup';
  const rss = sampleRss(
    () => world.server.pid,
    () => phase,
  );
  const control = new Control();
  const ledger = new Ledger();
  const stats = newStats();
  const failures: string[] = [];
  const faults: FaultReport[] = [];
  let screens: Screen[] = [];
  const actors: Promise<void>[] = [];
  // A server that dies by itself (not by our kill) fails the run at once.
  let killing = false;
  const watch = (s: World['server']) =>
    void s.exited.then((e) => {
      if (!killing && !control.isStopped()) {
        failures.push(`server exited by itself (${e.signal ?? e.code}):\n${s.output().slice(-2000)}`);
        control.stop();
      }
    });
  watch(world.server);
  // A line every half minute while the day runs, so a long run shows it is moving.
  const progress = setInterval(() => {
    if (phase.startsWith('part') || phase === 'drain')
      o.log(
        `  ${phase}: ${stats.issued} issued, ${stats.calls} called, ${stats.finished} finished; ` +
          `rss now ${rss.points.at(-1)?.mb ?? '?'} MB (${secs(started)} s)`,
      );
  }, 30_000);
  progress.unref();

  try {
    const center = await buildCenter(world, o);
    const setupDone = performance.now();
    o.log(
      `center: ${center.services.length} services, ${center.counters.length} counters, ` +
        `${center.screens.length} screens, ${center.kioskTokens.length} kiosks (${secs(started)} s)`,
    );

    const tracker = new CallTracker(expectedReceivers(center.screens));
    phase = 'screens';
    screens = await startScreens(
      center.screens,
      world.url(),
      (c, at) => tracker.heard(c.ticketId, c.recall, at),
      o.settleMs,
    );
    o.log(`${screens.length} screens online (${secs(started)} s)`);

    const served = [...new Set(center.counters.flatMap((c) => c.serviceIds))];
    const recent: KioskShared['recent'] = [];
    const issueMs = new Samples();
    const kioskShared: KioskShared = {
      world,
      center,
      control,
      ledger,
      stats,
      issueMs,
      services: served,
      printShare: o.printShare,
      mustPrint: 0,
      recent,
    };
    const officerShared: OfficerShared = {
      world,
      control,
      ledger,
      stats,
      tracker,
      dossierShare: o.dossierShare,
      noShowShare: o.noShowShare,
      // 80% of the counters' capacity at the day's arrival rate: queues form and drain, as on a busy day.
      serviceMs: (0.8 * center.counters.length * 1000) / o.ticketsPerSecond,
    };
    phase = 'sign-in';
    for (const c of center.counters) actors.push(runOfficer(officerShared, c, AGENCY));
    await control.officersSignedIn(center.counters.length);
    for (let i = 0; i < o.phones; i++)
      actors.push(runPhone({ world, control, ledger, stats, recent, pollMs: 2000 }));

    /** Quiesces the center and waits (bounded) until every screen draws what a fresh snapshot of its stream says. */
    const converge = async (report?: FaultReport): Promise<void> => {
      await control.quiesce();
      const t0 = performance.now();
      const byKey = new Map<string, SoakScreenSpec>();
      for (const s of screens) if (!byKey.has(s.key)) byKey.set(s.key, s.spec);
      const fresh = new Map<string, string>();
      await pool([...byKey], 16, async ([key, spec]) => {
        // A server still busy with every screen reconnecting may not answer in time: then nobody converges to it.
        try {
          fresh.set(key, drawn(await freshSnapshot(world.url(), spec, o.settleMs), spec.counterId));
        } catch (e) {
          fresh.set(key, `no fresh snapshot: ${e instanceof Error ? e.message : String(e)}`);
        }
      });
      let converged = 0;
      await pool(screens, 500, async (s) => {
        const want = fresh.get(s.key) as string;
        const ok = await s.until(
          (st) => st.status === 'online' && drawn(st.snapshot, s.spec.counterId) === want,
          o.settleMs,
        );
        if (ok) converged += 1;
        ledger.check('display-converges', ok, () => {
          const st = s.state();
          const got = drawn(st.snapshot, s.spec.counterId);
          let i = 0;
          while (i < got.length && got[i] === want[i]) i++;
          const at = Math.max(0, i - 60);
          return `${s.key} (${st.status}) draws …${got.slice(at, i + 60)}… instead of …${want.slice(at, i + 60)}…`;
        });
      });
      tracker.flush();
      if (report) {
        report.converged = converged;
        report.convergeMs = Math.round(performance.now() - t0);
      }
      control.resume();
    };

    // ---- the day: faults.length + 1 parts, a fault in each part after the first ----
    const dayStart = performance.now();
    const parts = o.faults.length + 1;
    for (let p = 0; p < parts && !control.isStopped(); p++) {
      const kind = p === 0 ? null : (o.faults[p - 1] ?? null);
      phase = kind ? `part ${p + 1}: ${kind}` : `part ${p + 1}`;
      const quota = Math.floor(o.tickets / parts) + (p === parts - 1 ? o.tickets % parts : 0);
      const report: FaultReport | undefined = kind ? { kind, part: p + 1 } : undefined;
      if (report) faults.push(report);
      const lift = kind ? await startFault(kind, world, control) : null;
      const printer = kind === 'paper-out' || kind === 'printer-offline';
      // Each kiosk prints its next ticket while the printer is faulted, so the fault is surely met.
      if (printer) kioskShared.mustPrint = center.kioskTokens.length;
      const notPrinted = stats.notPrinted;
      const outages = world.province.stats().faults.outage;
      let left = quota;
      let acked = 0;
      let kill: Promise<void> | null = null;
      const onAcked = (t: { serviceId: number }) => {
        control.issued(t.serviceId);
        acked += 1;
        if (kind === 'kill' && report && !kill && acked >= quota / 2) {
          killing = true;
          kill = killAndRestart(world, control, ledger, center, report).then(
            () => {
              killing = false;
              watch(world.server);
            },
            (e: unknown) => {
              failures.push(`kill and restart: ${e instanceof Error ? e.message : String(e)}`);
              control.stop();
            },
          );
        }
      };
      const perKiosk = o.ticketsPerSecond / center.kioskTokens.length;
      await Promise.all(
        center.kioskTokens.map((token) =>
          runKiosk(
            kioskShared,
            token,
            perKiosk,
            () => left-- > 0,
            () => void left++,
            onAcked,
          ),
        ),
      );
      if (kill) await kill;
      if (lift) await lift();
      if (report && printer) report.refused = stats.notPrinted - notPrinted;
      if (report && kind === 'provincial-outage')
        report.refused = world.province.stats().faults.outage - outages;
      // And prints again once the fault is lifted (print-honest checks the replies).
      if (printer) kioskShared.mustPrint = center.kioskTokens.length;
      await converge(report);
      o.log(
        `${phase}: ${stats.issued} issued, ${stats.calls} called, ${stats.finished} finished; ` +
          `rss ${rss.max()} MB (${secs(started)} s)`,
      );
    }
    phase = 'drain';
    const drained = await within(control.allIdle(center.counters.length), o.settleMs);
    if (!drained) failures.push('the officers did not empty the queues in time');
    await converge();
    const daySeconds = (performance.now() - dayStart) / 1000;
    o.log(`day done in ${daySeconds.toFixed(1)} s; fan-out to ${o.screens} screens next`);

    // ---- fan-out: every screen follows the whole lobby, in the fan-out bench's screen workers ----
    phase = 'fan-out';
    for (const s of screens) s.stop();
    screens = [];
    const fanout = await fanoutPhase({
      world,
      center,
      control,
      ledger,
      officers: officerShared,
      served,
      failures,
      o,
    });
    o.log(`fan-out measured; waiting for the province (${secs(started)} s)`);

    // ---- the end: stop the actors, let the outbox drain, stop the server, check the files ----
    phase = 'province';
    control.stop();
    await Promise.all(actors);
    const delivered = await untilOutboxEmpty(world, center, o.settleMs);
    if (!delivered) failures.push('the provincial outbox did not drain in time');
    phase = 'stop';
    killing = true;
    world.server.signal('SIGTERM');
    const exit = await world.server.exited;
    if (exit.code !== 0) failures.push(`server stopped with ${exit.signal ?? exit.code}`);
    rss.stop();
    const facts = checkDatabase(ledger, world.dataDir);
    checkProvince(ledger, world.province, facts);

    failures.push(...ledger.failures());
    if (stats.unexpected.length) failures.push(`unexpected replies: ${stats.unexpected.join('; ')}`);
    for (const inv of INVARIANTS)
      if (!ledger.checked.get(inv)) failures.push(`${inv}: never checked (the run did not exercise it)`);
    const day = tracker.latency.summary();
    return {
      options: strip(o),
      seconds: {
        setup: Math.round((setupDone - started) / 100) / 10,
        day: Math.round(daySeconds * 10) / 10,
        total: Math.round((performance.now() - started) / 100) / 10,
      },
      center: {
        services: center.services.length,
        counters: center.counters.length,
        screens: center.screens.length,
        kiosks: center.kioskTokens.length,
        phones: o.phones,
      },
      tickets: {
        acknowledged: ledger.acked.size,
        inDatabase: facts.tickets,
        dossiers: facts.receivedDossiers.size,
        dossiersStored: world.province.stats().stored,
      },
      actors: stats,
      issueMs: issueMs.summary(),
      callToScreensMs: { ...day, incomplete: tracker.incomplete },
      fanout,
      rss: { maxMb: rss.max(), points: rss.points },
      faults,
      invariants: INVARIANTS.map((name) => ({
        name,
        checks: ledger.checked.get(name) ?? 0,
        broken: ledger.broken.get(name)?.count ?? 0,
        examples: ledger.broken.get(name)?.examples ?? [],
      })),
      failures,
    };
  } finally {
    clearInterval(progress);
    control.stop();
    for (const s of screens) s.stop();
    rss.stop();
    killing = true;
    await world.close();
    if (!o.keepData) rmSync(world.dataDir, { recursive: true, force: true });
  }
}

/** Screens that show a call: whole-lobby displays, its service's displays, its counter's top. */
function expectedReceivers(specs: readonly SoakScreenSpec[]) {
  let whole = 0;
  const perService = new Map<number, number>();
  const tops = new Set<number>();
  for (const s of specs) {
    if (s.kind === 'counter-top') tops.add(s.counterId as number);
    else if (s.serviceId === undefined) whole += 1;
    else perService.set(s.serviceId, (perService.get(s.serviceId) ?? 0) + 1);
  }
  return (serviceId: number, counterId: number) =>
    whole + (perService.get(serviceId) ?? 0) + (tops.has(counterId) ? 1 : 0);
}

/** Waits (bounded) for the server's outbox to hold nothing pending, re-reading it after each provincial request. */
async function untilOutboxEmpty(world: World, center: Center, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    const r = await api(world.url(), '/api/admin/outbox', { token: center.adminToken });
    if (r.status === 200 && r.body.pending === 0) return true;
    // The worker backs off up to PROVINCIAL_BACKOFF_MAX_SECONDS between probes: read again after its next
    // request reaches the province, or after that back-off if none comes.
    await Promise.race([world.nextProvinceEvent(), new Promise((res) => setTimeout(res, 1000))]);
  }
  return false;
}

function strip(o: SoakOptions): Omit<SoakOptions, 'log'> {
  const { log: _log, ...rest } = o;
  return rest;
}

function secs(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}
