/**
 * A fan-out screen worker: a child process (fleet.ts forks it) that runs a share of the screens, so the screens
 * read their sockets on their own event loops and the measurement times the server, not one process reading
 * 2,000 sockets in turn. It tells its parent when every one of its screens has heard a call (with the clock.ts
 * time the last one did), answers conditions over its screens' state, and on request what each screen heard.
 */
import type { RealtimeState } from '@layso/ui-kit';
import { io, type Socket } from 'socket.io-client';
import { Screen, drawn } from '../soak/screens.js';
import type { SoakScreenSpec } from '../soak/setup.js';
import { monoMs } from './clock.js';
import type { Condition, FromWorker, HeardCall, Screens, ToWorker } from './messages.js';

/** A screen as the worker sees it: what it heard, and whether its state meets a condition within a time. */
interface Member {
  heard: HeardCall[];
  until(pred: (s: RealtimeState) => boolean, ms: number): Promise<boolean>;
  state(): RealtimeState | null;
  stop(): void;
}

function send(m: FromWorker): void {
  process.send?.(m);
}

let members: Member[] = [];
const last: Record<string, object> = {};
/** Per call (`ticketId:recall`): how many of this worker's screens heard it, and when the last one did. */
const pending = new Map<string, { got: number; at: number }>();

function heard(
  member: Member,
  call: { ticketId: number; number: string; recall?: number },
  at: number,
): void {
  const recall = call.recall ?? 0;
  member.heard.push([call.ticketId, call.number, recall]);
  const key = `${call.ticketId}:${recall}`;
  const p = pending.get(key) ?? { got: 0, at: 0 };
  p.got += 1;
  p.at = Math.max(p.at, at);
  if (p.got < members.length) pending.set(key, p);
  else {
    pending.delete(key);
    send({ type: 'heard', ticketId: call.ticketId, recall, at: p.at });
  }
}

function layso(url: string, spec: SoakScreenSpec, first: boolean): Member {
  const member: Member = {
    heard: [],
    until: (pred, ms) => screen.until(pred, ms),
    state: () => screen.state(),
    stop: () => screen.stop(),
  };
  const screen = new Screen(spec, url, (c, at) => heard(member, c, at));
  if (first) {
    for (const type of ['ticket:called', 'queue:changed', 'counter:changed'] as const)
      screen.client.on(type, (d) => (last[type] = d));
  }
  return member;
}

/** A plain socket: it decodes every message of a call (as a screen must) and applies none of them. */
function bare(url: string): Member {
  const socket: Socket = io(url, { transports: ['websocket'], reconnection: false });
  const member: Member = {
    heard: [],
    until: (_pred, ms) =>
      socket.connected
        ? Promise.resolve(true)
        : new Promise((resolve) => {
            const timer = setTimeout(() => resolve(socket.connected), ms);
            socket.once('connect', () => {
              clearTimeout(timer);
              resolve(true);
            });
          }),
    state: () => null,
    stop: () => void socket.disconnect(),
  };
  socket.on('ticket:called', (c: { ticketId: number; number: string }) => heard(member, c, monoMs()));
  socket.on('queue:changed', () => undefined);
  socket.on('counter:changed', () => undefined);
  return member;
}

function predicate(cond: Condition): (s: RealtimeState) => boolean {
  switch (cond.kind) {
    case 'online':
      return (s) => s.status === 'online';
    case 'waiting':
      return (s) =>
        (s.snapshot?.services.find((x) => x.id === cond.serviceId)?.waiting ?? 0) > 0 ||
        (s.snapshot?.recentCalls.some((c) => c.ticketId === cond.ticketId) ?? false);
    case 'counter-free':
      return (s) => s.snapshot?.counters.find((c) => c.id === cond.counterId)?.currentNumber === null;
    case 'drawn':
      return (s) => s.status === 'online' && drawn(s.snapshot, cond.counterId) === cond.want;
  }
}

/** Why a screen does not meet the condition, in a line (for a drawn snapshot: where the two differ). */
function why(m: Member, cond: Condition): string {
  const st = m.state();
  if (!st) return 'not connected';
  if (cond.kind !== 'drawn') return `${cond.kind}: ${st.status} ${st.error?.code ?? ''}`.trim();
  const got = drawn(st.snapshot, cond.counterId);
  let i = 0;
  while (i < got.length && got[i] === cond.want[i]) i++;
  const at = Math.max(0, i - 60);
  return `(${st.status}) draws …${got.slice(at, i + 60)}… instead of …${cond.want.slice(at, i + 60)}…`;
}

async function until(
  list: readonly Member[],
  cond: Condition,
  ms: number,
): Promise<{ ok: number; failed: number; example: string }> {
  const pred = predicate(cond);
  const met = await Promise.all(list.map((m) => m.until(pred, ms)));
  const first = list.find((_, i) => !met[i]);
  const ok = met.filter(Boolean).length;
  return { ok, failed: list.length - ok, example: first ? why(first, cond) : '' };
}

/** Starts the screens 50 at a time (a lobby powering up), each batch online before the next. */
async function start(url: string, screens: Screens, timeoutMs: number): Promise<void> {
  const n = screens.mode === 'layso' ? screens.specs.length : screens.count;
  let online = 0;
  for (let i = 0; i < n; i += 50) {
    const batch = Array.from({ length: Math.min(50, n - i) }, (_, k) =>
      screens.mode === 'layso' ? layso(url, screens.specs[i + k] as SoakScreenSpec, i + k === 0) : bare(url),
    );
    members.push(...batch);
    const r = await until(batch, { kind: 'online' }, timeoutMs);
    online += r.ok;
    if (r.failed) {
      send({ type: 'started', online, failed: n - online, example: r.example });
      return;
    }
  }
  send({ type: 'started', online, failed: 0, example: '' });
}

function stop(): void {
  for (const m of members) m.stop();
  members = [];
  // Let the close frames go out before the process ends.
  setTimeout(() => process.exit(0), 50).unref();
}

process.on('message', (m: ToWorker) => {
  switch (m.type) {
    case 'start':
      void start(m.url, m.screens, m.timeoutMs);
      break;
    case 'until':
      void until(members, m.cond, m.timeoutMs).then((r) => send({ type: 'until', id: m.id, ...r }));
      break;
    case 'report':
      send({ type: 'report', id: m.id, screens: members.map((x) => x.heard), last });
      break;
    case 'stop':
      stop();
      break;
  }
});
// An orphan never lingers: the parent gone (its IPC channel closed) ends the worker.
process.on('disconnect', stop);
