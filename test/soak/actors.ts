/**
 * The people and machines of the center, over real HTTP: kiosks issue (and sometimes print) tickets with their
 * device tokens, officers sign in and call → start → finish (or no-show) at their counters, phones follow a ticket
 * by its QR (the /t/ page, then /api/track). Every loop is bounded (by a quota, a poll limit or `stop()`), and
 * waits for events — a response, a ticket issued for its services, the server back up — never for time, except
 * the kiosks' arrival pacing, which is the day's load profile.
 */
import { formatDossierCode } from '@layso/protocol';
import { api } from '../support/http.js';
import { monoMs } from '../fanout/clock.js';
import type { Acked, Ledger } from './invariants.js';
import type { Control } from './control.js';
import type { CallTracker, Samples } from './metrics.js';
import type { Center, SoakCounter, World } from './setup.js';

/** A fetch that died with the server (connection refused or reset) rather than an HTTP answer. */
const NETWORK = Symbol('network');
type Reply = { status: number; body: any } | typeof NETWORK;

/** A request the server has not answered in this long is a fault of its own (a user would wait forever). */
const NO_ANSWER_MS = 60_000;

/**
 * One request of an actor. A reply that never comes is recorded as unexpected (the run fails) and then treated like
 * a dropped connection, so the run stays bounded.
 */
async function call(
  world: World,
  path: string,
  init: Parameters<typeof api>[2],
  stats: ActorStats,
): Promise<Reply> {
  try {
    return await api(world.url(), path, { ...init, signal: AbortSignal.timeout(NO_ANSWER_MS) });
  } catch (e) {
    if (e instanceof Error && e.name === 'TimeoutError')
      unexpected(stats, `${path.replace(/[A-Za-z0-9_-]{16,}/g, '…')}: no answer in ${NO_ANSWER_MS / 1000} s`);
    return NETWORK;
  }
}

export interface ActorStats {
  issued: number;
  issueErrors: Record<string, number>;
  printed: number;
  notPrinted: number;
  /** Prints refused because an officer had called the ticket already (the kiosk prints waiting tickets only). */
  printTooLate: number;
  calls: number;
  noShows: number;
  finished: number;
  dossiers: number;
  /** Commands answered 4xx after a kill because the reply of the one before was lost (the officer re-reads). */
  recovered: number;
  tracked: number;
  trackPolls: number;
  unexpected: string[];
}

export function newStats(): ActorStats {
  return {
    issued: 0,
    issueErrors: {},
    printed: 0,
    notPrinted: 0,
    printTooLate: 0,
    calls: 0,
    noShows: 0,
    finished: 0,
    dossiers: 0,
    recovered: 0,
    tracked: 0,
    trackPolls: 0,
    unexpected: [],
  };
}

function unexpected(stats: ActorStats, what: string): void {
  if (stats.unexpected.length < 20) stats.unexpected.push(what);
}

export interface KioskShared {
  world: World;
  center: Center;
  control: Control;
  ledger: Ledger;
  stats: ActorStats;
  issueMs: Samples;
  /** Services a kiosk offers (those some counter serves). */
  services: number[];
  printShare: number;
  /** Prints owed whatever the share: set when the printer's state changes, so each state is seen by a kiosk. */
  mustPrint: number;
  /** Recently acknowledged tickets, for phones to pick from (bounded). */
  recent: Acked[];
}

/**
 * One kiosk issuing its share of a part of the day at `perSecond`, until `quota()` says the part is done.
 * `quota` takes one ticket from the part's allowance (false: none left) and `giveBack` returns it when the
 * attempt was not acknowledged.
 */
export async function runKiosk(
  s: KioskShared,
  token: string,
  perSecond: number,
  quota: () => boolean,
  giveBack: () => void,
  onAcked: (t: Acked) => void,
): Promise<void> {
  const start = performance.now();
  let n = 0;
  while (quota()) {
    if (!(await s.control.ready())) return giveBack();
    // Arrivals at the kiosk: the n-th citizen comes at start + n / rate (a late kiosk catches up, never bursts).
    const due = start + (n++ * 1000) / perSecond - performance.now();
    if (due > 1) await new Promise((r) => setTimeout(r, due));
    const serviceId = s.services[Math.floor(Math.random() * s.services.length)] as number;
    const t0 = performance.now();
    s.control.begin();
    const r = await call(s.world, '/api/tickets', { token, body: { serviceId } }, s.stats);
    s.control.end();
    if (r === NETWORK || r.status !== 201) {
      giveBack();
      const why = r === NETWORK ? 'network' : `${r.status} ${r.body?.error?.code ?? ''}`;
      s.stats.issueErrors[why] = (s.stats.issueErrors[why] ?? 0) + 1;
      // Refused connections are expected only while the server is down; wait for it instead of spinning.
      if (r === NETWORK) await s.control.up();
      continue;
    }
    s.issueMs.add(performance.now() - t0);
    s.stats.issued += 1;
    const t: Acked = {
      id: r.body.id,
      number: r.body.number,
      serviceId: r.body.serviceId,
      day: r.body.day,
      trackingCode: r.body.trackingCode,
    };
    s.ledger.issued(t);
    // The kiosk prints before the citizen walks away; officers hear of the ticket after that.
    if (s.mustPrint > 0 || Math.random() < s.printShare) {
      s.mustPrint = Math.max(0, s.mustPrint - 1);
      await print(s, token, t);
    }
    onAcked(t);
    if (s.recent.length >= 500) s.recent.splice(0, 250);
    s.recent.push(t);
  }
}

async function print(s: KioskShared, token: string, t: Acked): Promise<void> {
  const release = await s.control.printing();
  try {
    const faulted = s.world.printer.state !== 'ready';
    const r = await call(s.world, `/api/tickets/${t.id}/print`, { token, method: 'POST' }, s.stats);
    if (r === NETWORK) return;
    if (r.status !== 200) {
      // Called already by a fast officer: the kiosk prints only a waiting ticket.
      if (r.body?.error?.code === 'LAYSO_INVALID_TRANSITION') s.stats.printTooLate += 1;
      else unexpected(s.stats, `print ${r.status}`);
      return;
    }
    if (r.body.printed) s.stats.printed += 1;
    else s.stats.notPrinted += 1;
    s.ledger.check(
      'print-honest',
      !(faulted && r.body.printed) && (r.body.printed || r.body.error !== null),
      () => `ticket ${t.id}: printed=${r.body.printed} with the printer ${s.world.printer.state}`,
    );
  } finally {
    release();
  }
}

export interface OfficerShared {
  world: World;
  control: Control;
  ledger: Ledger;
  stats: ActorStats;
  tracker: CallTracker;
  dossierShare: number;
  noShowShare: number;
  /** Mean time an officer spends with a citizen, compressed with the day (0: as fast as the server answers). */
  serviceMs: number;
}

/** One officer at one counter, from sign-in until `control.stop()`. */
export async function runOfficer(s: OfficerShared, c: SoakCounter, agency: string): Promise<void> {
  let token = '';
  const signIn = async (): Promise<boolean> => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const r = await call(
        s.world,
        '/api/auth/login',
        {
          body: { username: c.username, password: c.password, counterId: c.id },
        },
        s.stats,
      );
      if (r !== NETWORK && r.status === 200) {
        token = r.body.token;
        return true;
      }
      if (r === NETWORK) await s.control.up();
      else unexpected(s.stats, `login ${c.username}: ${r.status}`);
    }
    return false;
  };
  if (!(await signIn())) return;
  s.control.officerReady();

  let current: { id: number; status: string; day: string } | null = null;
  /** After a lost reply: what the counter holds now, as the console reads it. */
  const reread = async (): Promise<void> => {
    while (!s.control.isStopped()) {
      const r = await call(s.world, `/api/counters/${c.id}/queue`, { token }, s.stats);
      if (r === NETWORK) {
        await s.control.up();
        continue;
      }
      if (r.status === 401 && (await signIn())) continue;
      if (r.status !== 200) unexpected(s.stats, `queue ${r.status}`);
      const cur = r.status === 200 ? r.body.current : null;
      current = cur ? { id: cur.id, status: cur.status, day: cur.day } : null;
      return;
    }
  };
  const command = async (path: string, body?: unknown): Promise<any | null> => {
    s.control.begin();
    const r = await call(s.world, path, { token, method: 'POST', body }, s.stats);
    s.control.end();
    if (r !== NETWORK && r.status === 200) return r.body;
    if (r === NETWORK) await s.control.up();
    else if (r.status === 401) await signIn();
    else if (r.status >= 500) unexpected(s.stats, `${path}: ${r.status}`);
    else s.stats.recovered += 1;
    await reread();
    return null;
  };

  while (await s.control.ready()) {
    if (current === null) {
      const version = s.control.version(c.serviceIds);
      const t0 = monoMs();
      s.control.begin();
      const r = await call(s.world, `/api/counters/${c.id}/call-next`, { token, method: 'POST' }, s.stats);
      s.control.end();
      if (r === NETWORK) {
        await s.control.up();
        await reread();
      } else if (r.status === 200) {
        const t = r.body.ticket;
        s.stats.calls += 1;
        s.ledger.called(t.id, c.id);
        s.tracker.sent(t.id, t.serviceId, c.id, t0);
        current = { id: t.id, status: t.status, day: t.day };
      } else if (r.status === 204) {
        // Nobody waits for this counter's services: idle until a kiosk issues one of them (or the run moves on).
        await s.control.idle(c.serviceIds, version);
      } else if (r.status === 401) {
        await signIn();
      } else {
        // LAYSO_COUNTER_BUSY after a kill: the counter holds a call whose reply was lost.
        if (r.body?.error?.code !== 'LAYSO_COUNTER_BUSY') unexpected(s.stats, `call-next ${r.status}`);
        s.stats.recovered += 1;
        await reread();
      }
      continue;
    }
    const t: { id: number; status: string; day: string } = current;
    if (t.status === 'called') {
      if (Math.random() < s.noShowShare) {
        if (await command(`/api/tickets/${t.id}/no-show`)) {
          s.stats.noShows += 1;
          current = null;
        }
        continue;
      }
      const started = await command(`/api/tickets/${t.id}/start`);
      if (started) current = { ...t, status: started.status };
      // The citizen at the counter: an exponential service time is the day's load profile, not a wait for an
      // event (it is what makes queues form, so kiosks print while tickets wait and screens show waiting counts).
      if (started && s.serviceMs > 0)
        await new Promise((r) => setTimeout(r, -Math.log(1 - Math.random()) * s.serviceMs));
      continue;
    }
    const received = Math.random() < s.dossierShare;
    // The dossier code the provincial software would print: unique per ticket, the agency of this center.
    const code = formatDossierCode(agency, t.day, t.id);
    const done = await command(
      `/api/tickets/${t.id}/finish`,
      received ? { outcome: 'received', dossier: { code } } : { outcome: 'guidance' },
    );
    if (done) {
      s.stats.finished += 1;
      if (received) {
        s.stats.dossiers += 1;
        s.ledger.dossiers.set(t.id, done.dossierCode);
      }
      current = null;
    }
  }
}

export interface PhoneShared {
  world: World;
  control: Control;
  ledger: Ledger;
  stats: ActorStats;
  recent: Acked[];
  /** Between two reads of the tracking API (the page's 15 s, compressed: 200 phones read ~100 times a second). */
  pollMs: number;
}

/** A citizen's phone: opens the ticket's QR page, then follows the ticket until it is done (at most 40 reads). */
export async function runPhone(s: PhoneShared): Promise<void> {
  while (await s.control.ready()) {
    // A phone scans a ticket just issued (one of the last 20), as a citizen does before sitting down.
    const t = s.recent[s.recent.length - 1 - Math.floor(Math.random() * Math.min(20, s.recent.length))];
    if (!t) {
      await s.control.anyIssued();
      continue;
    }
    s.stats.tracked += 1;
    const page = await call(s.world, `/t/${t.trackingCode}`, {}, s.stats);
    if (page !== NETWORK && page.status !== 200) unexpected(s.stats, `tracking page ${page.status}`);
    let before: string | null = null;
    for (let i = 0; i < 40 && (await s.control.ready()); i++) {
      const r = await call(s.world, `/api/track/${t.trackingCode}`, {}, s.stats);
      s.stats.trackPolls += 1;
      if (r === NETWORK) {
        await s.control.up();
        continue;
      }
      if (r.status !== 200) {
        unexpected(s.stats, `track ${r.status}`);
        break;
      }
      s.ledger.tracked(t, r.body, before);
      before = r.body.status;
      // The page reads again after its interval, whether or not this was the last read.
      await new Promise((res) => setTimeout(res, s.pollMs));
      if (before === 'done' || before === 'no-show') break;
    }
  }
}
