/**
 * Lobby displays and counter-top screens: each is ui-kit's own RealtimeClient (the code the real screens run —
 * snapshot on connect, numbered events, `snapshot:request` on a gap or a reconnect) over a real Socket.IO
 * connection. The soak reads what each one would draw and when each call reached it.
 */
import { io, type Socket } from 'socket.io-client';
import type { Snapshot, TicketCalled } from '@layso/protocol';
import { RealtimeClient, type RealtimeState } from '@layso/ui-kit';
import { monoMs } from '../fanout/clock.js';
import type { SoakScreenSpec } from './setup.js';

/** Which stream a screen follows: screens of one stream must all converge to that stream's snapshot. */
export function streamKey(s: Pick<SoakScreenSpec, 'kind' | 'serviceId' | 'counterId'>): string {
  if (s.kind === 'counter-top') return `counter:${s.counterId}`;
  return s.serviceId === undefined ? 'display:all' : `display:service:${s.serviceId}`;
}

export class Screen {
  readonly client: RealtimeClient;
  readonly key: string;

  constructor(
    readonly spec: SoakScreenSpec,
    url: string,
    onCalled: (call: TicketCalled, at: number) => void,
  ) {
    this.key = streamKey(spec);
    this.client = new RealtimeClient({
      url,
      namespace: spec.kind === 'counter-top' ? '/counter' : '/display',
      token: spec.token,
      ...(spec.serviceId !== undefined ? { serviceId: spec.serviceId } : {}),
    });
    this.client.on('ticket:called', (call) => onCalled(call, monoMs()));
    this.client.start();
  }

  state(): RealtimeState {
    return this.client.getState();
  }

  /** Resolves when `pred` holds for this screen's state, or with false after `ms`. */
  until(pred: (s: RealtimeState) => boolean, ms: number): Promise<boolean> {
    if (pred(this.state())) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        off();
        resolve(pred(this.state()));
      }, ms);
      const off = this.client.subscribe(() => {
        if (pred(this.state())) {
          clearTimeout(timer);
          off();
          resolve(true);
        }
      });
    });
  }

  stop(): void {
    this.client.stop();
  }
}

/**
 * What a screen draws from a snapshot, in a form two snapshots can be compared by: the stream position, the
 * waiting counts and estimates, the counters and the recent calls (`at`, when it was read, is left out). A
 * counter-top screen draws its own counter only, and its stream carries that counter's changes only (the
 * snapshot it starts from holds the whole floor): only that part is compared.
 */
export function drawn(s: Snapshot | null, counterId?: number): string {
  if (!s) return 'no snapshot';
  const counters = s.counters
    .filter((c) => counterId === undefined || c.id === counterId)
    .map((c) => [c.id, c.status, c.currentNumber, c.officerName, c.pauseReason]);
  if (counterId !== undefined) return JSON.stringify({ seq: s.seq, day: s.day, counters });
  return JSON.stringify({
    seq: s.seq,
    day: s.day,
    services: s.services.map((x) => [x.id, x.waiting, x.estimatedWaitMinutes]),
    counters,
    calls: s.recentCalls.map((c) => [c.ticketId, c.number, c.counterId, c.recall]),
  });
}

/** A fresh snapshot of one stream, as a screen connecting now would get it (a new socket, then closed). */
export function freshSnapshot(url: string, spec: SoakScreenSpec, timeoutMs = 15_000): Promise<Snapshot> {
  const auth: Record<string, unknown> = { token: spec.token };
  if (spec.serviceId !== undefined) auth.serviceId = spec.serviceId;
  const ns = spec.kind === 'counter-top' ? '/counter' : '/display';
  const socket: Socket = io(`${url}${ns}`, { auth, transports: ['websocket'], reconnection: false });
  return new Promise<Snapshot>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.disconnect();
      reject(new Error(`no snapshot on ${streamKey(spec)} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('snapshot', (snap: Snapshot) => {
      clearTimeout(timer);
      socket.disconnect();
      resolve(snap);
    });
    socket.once('connect_error', (e: Error) => {
      clearTimeout(timer);
      socket.disconnect();
      reject(new Error(`${streamKey(spec)}: ${e.message}`));
    });
  });
}

/** Starts the screens a few at a time (a lobby powering up) and resolves once each has its first snapshot. */
export async function startScreens(
  specs: readonly SoakScreenSpec[],
  url: string,
  onCalled: (call: TicketCalled, at: number) => void,
  timeoutMs: number,
): Promise<Screen[]> {
  const screens: Screen[] = [];
  const BATCH = 100;
  for (let i = 0; i < specs.length; i += BATCH) {
    const batch = specs.slice(i, i + BATCH).map((s) => new Screen(s, url, onCalled));
    screens.push(...batch);
    const ok = await Promise.all(batch.map((s) => s.until((st) => st.status === 'online', timeoutMs)));
    const failed = ok.filter((x) => !x).length;
    if (failed) {
      for (const s of screens) s.stop();
      const why = batch.find((s) => s.state().status !== 'online')?.state();
      throw new Error(`${failed} screens did not come online: ${why?.status} ${why?.error?.code ?? ''}`);
    }
  }
  return screens;
}
