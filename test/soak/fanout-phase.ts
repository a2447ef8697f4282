/**
 * The soak's fan-out phase, after the day: `screens` whole-lobby displays in the fan-out bench's screen workers
 * (fanout/fleet.ts — one arrangement for both), the soak's own officers calling, one ticket issued at a time,
 * each call timed from the officer's `call-next` to the last screen; then every screen must converge, and the
 * bare baselines run in the same workers (fanout/fanout.ts `measureBare`).
 */
import { measureBare } from '../fanout/fanout.js';
import { ScreenFleet } from '../fanout/fleet.js';
import { api } from '../support/http.js';
import type { OfficerShared } from './actors.js';
import type { Control } from './control.js';
import type { Ledger } from './invariants.js';
import { CallTracker, type Samples } from './metrics.js';
import type { SoakOptions } from './options.js';
import { drawn, freshSnapshot } from './screens.js';
import type { Center, SoakScreenSpec, World } from './setup.js';

type Summary = ReturnType<Samples['summary']>;

export interface FanoutFigures {
  screens: number;
  callToAllMs: Summary;
  bareBroadcastMs: Summary;
  /** The bare broadcast of a call's three messages (ticket:called, queue:changed, counter:changed). */
  bareCallMs: Summary;
  p99Ratio: number;
}

export interface FanoutPhase {
  world: World;
  center: Center;
  control: Control;
  ledger: Ledger;
  officers: OfficerShared;
  /** The services the counters serve (a ticket of each is called). */
  served: number[];
  failures: string[];
  o: SoakOptions;
}

export async function fanoutPhase(p: FanoutPhase): Promise<FanoutFigures> {
  const { world, center, control, ledger, o, failures } = p;
  // Every screen follows the whole lobby (no service area), on the lobby displays' own tokens.
  const lobby = center.screens.filter((s) => s.kind === 'display');
  const spec = { kind: 'display' as const, token: (lobby[0] as SoakScreenSpec).token };
  const fleet = await ScreenFleet.start({
    url: world.url(),
    screens: {
      mode: 'layso',
      specs: Array.from({ length: o.screens }, (_, i) => ({
        kind: 'display' as const,
        token: (lobby[i % lobby.length] as SoakScreenSpec).token,
      })),
    },
    timeoutMs: o.settleMs,
  });
  // A worker reports a call once all of its screens heard it: the call has reached every screen when every worker has.
  const tracker = new CallTracker(() => fleet.workerCount);
  fleet.onWorkerHeard((ticketId, recall, at) => tracker.heard(ticketId, recall, at));
  p.officers.serviceMs = 0;
  p.officers.tracker = tracker;
  let last: Record<string, object> = {};
  try {
    const kioskToken = center.kioskTokens[0] as string;
    for (let i = 0; i < o.fanoutCalls && !control.isStopped(); i++) {
      const serviceId = p.served[i % p.served.length] as number;
      const r = await api(world.url(), '/api/tickets', { token: kioskToken, body: { serviceId } });
      if (r.status !== 201) throw new Error(`fan-out issue: ${r.status}`);
      ledger.issued({
        id: r.body.id,
        number: r.body.number,
        serviceId,
        day: r.body.day,
        trackingCode: r.body.trackingCode,
      });
      // The issue's own queue:changed reaches every screen before an officer calls: the call is timed alone. (An
      // officer finishing a ticket of that service may call it first: then the screen shows it called instead.)
      const shown = await fleet.until({ kind: 'waiting', serviceId, ticketId: r.body.id }, o.settleMs);
      if (shown.failed) {
        failures.push(`fan-out issue ${i + 1} did not reach ${shown.failed} screens in ${o.settleMs} ms`);
        break;
      }
      control.issued(serviceId);
      if (!(await tracker.reachedCount(i + 1, o.settleMs))) {
        failures.push(`fan-out call ${i + 1} did not reach every screen in ${o.settleMs} ms`);
        break;
      }
    }
    if (!(await within(control.allIdle(center.counters.length), o.settleMs)))
      failures.push('the officers did not go idle after the fan-out');
    // Every screen draws what a screen connecting now would (each checked in its worker).
    await control.quiesce();
    let want: string;
    try {
      want = drawn(await freshSnapshot(world.url(), spec, o.settleMs));
    } catch (e) {
      want = `no fresh snapshot: ${e instanceof Error ? e.message : String(e)}`;
    }
    const met = await fleet.until({ kind: 'drawn', want }, o.settleMs);
    for (let i = 0; i < met.ok; i++) ledger.check('display-converges', true, () => '');
    for (let i = 0; i < met.failed; i++)
      ledger.check('display-converges', false, () => `fan-out screen: ${met.example}`);
    control.resume();
    last = (await fleet.report()).last;
  } finally {
    await fleet.stop();
  }
  const bare = await measureBare({ screens: o.screens, calls: o.fanoutCalls, timeoutMs: o.settleMs }, last);
  const fan = tracker.latency.summary();
  const bareS = bare.one.summary();
  return {
    screens: o.screens,
    callToAllMs: fan,
    bareBroadcastMs: bareS,
    bareCallMs: bare.three.summary(),
    p99Ratio: bareS.p99 > 0 ? Math.round((fan.p99 / bareS.p99) * 100) / 100 : 0,
  };
}

/** True when `p` settles within `ms`, false otherwise (the run goes on and says so). */
export function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.then(() => true),
    new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms))),
  ]).finally(() => clearTimeout(timer));
}
