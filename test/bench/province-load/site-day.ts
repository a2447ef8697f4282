/**
 * What one simulated site commits in a day, as the facts it would send the province hub: the day simulator
 * (queue-server/src/sim, every call through the real engine) runs the demo center's Monday with its own seed, and
 * each ticket becomes its issue, call, finish or no-show, and (for most) a rating. Facts carry no seq here: the
 * site numbers them as it commits them.
 */
import type { HubFact } from '@layso/protocol';
import profileJson from '../../../queue-server/src/sim/demo-profile.json' with { type: 'json' };
import { demoPlan } from '../../../queue-server/src/demo/center.js';
import { generateArrivals, simulateDay } from '../../../queue-server/src/sim/day.js';
import { modelFromProfile, parseProfile } from '../../../queue-server/src/sim/model.js';
import { createRandom } from '../../../queue-server/src/sim/random.js';

type Unnumbered<F> = F extends HubFact ? Omit<F, 'seq' | 'at'> : never;

/** A fact of the day at `sec` seconds after Vietnam midnight. */
export interface DayFact {
  sec: number;
  fact: Unnumbered<HubFact>;
}

const parsed = parseProfile(profileJson);
if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
const model = modelFromProfile(parsed.profile);
const plan = demoPlan();
const MONDAY = 1;
/** A ticket's number as printed: the service's position as a letter, four digits. */
const numberOf = (serviceIndex: number, n: number) =>
  `${String.fromCharCode(65 + serviceIndex)}${String(n).padStart(4, '0')}`;

/** The facts of a busy day (the demo center's Monday) of the site seeded `seed`, in commit order. */
export function siteDay(seed: number): DayFact[] {
  const rnd = createRandom(seed);
  const arrivals = generateArrivals(model, MONDAY, rnd);
  const serviceSeconds = new Map(arrivals.map((a) => [`${a.serviceId}:${a.at}`, a.serviceSeconds]));
  const day = simulateDay(model, plan, arrivals, { weekday: MONDAY });
  const index = new Map(model.services.map((s, i) => [s.rules.id, i]));
  const issuedPer = new Map<number, number>();
  const out: DayFact[] = [];
  for (const t of day.tickets) {
    const i = index.get(t.serviceId) ?? 0;
    const n = (issuedPer.get(t.serviceId) ?? 0) + 1;
    issuedPer.set(t.serviceId, n);
    const ticket = numberOf(i, n);
    const service = model.services[i]?.code ?? 'S';
    // The simulator keeps no counter per ticket: one per service stands in (the live view counts them alike).
    const counter = i + 1;
    out.push({ sec: t.issuedAt, fact: { kind: 'issued', ticket, service } });
    if (t.calledAt === null) continue;
    out.push({ sec: t.calledAt, fact: { kind: 'called', ticket, service, counter } });
    if (t.noShow) {
      out.push({ sec: t.calledAt + 120, fact: { kind: 'no_show', ticket, service, counter } });
      continue;
    }
    const took = Math.round(serviceSeconds.get(`${t.serviceId}:${t.issuedAt}`) ?? 300);
    const end = t.calledAt + took;
    out.push({
      sec: end,
      fact: {
        kind: 'finished',
        ticket,
        service,
        counter,
        outcome: 'received',
        waitSeconds: Math.round(t.calledAt - t.issuedAt),
        serviceSeconds: took,
      },
    });
    if ((n * 7) % 10 < 6) {
      out.push({ sec: end + 20, fact: { kind: 'rating', ticket, service, counter, rating: 'satisfied' } });
    }
  }
  return out.sort((a, b) => a.sec - b.sec);
}
