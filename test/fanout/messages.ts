/** What the fan-out's screen workers and the process that drives them say to each other (over the IPC channel). */

import type { SoakScreenSpec } from '../soak/setup.js';

/**
 * What a worker runs: `layso`, one ui-kit RealtimeClient per spec (the code the real screens run) on the real
 * server; `bare`, `count` plain socket.io-client sockets on the bare server (bare.ts).
 */
export type Screens = { mode: 'layso'; specs: SoakScreenSpec[] } | { mode: 'bare'; count: number };

/** A state every screen of a worker must reach (each screen's snapshot is read as it changes, never polled). */
export type Condition =
  | { kind: 'online' }
  /** The ticket shows as waiting in its service, or already among the recent calls. */
  | { kind: 'waiting'; serviceId: number; ticketId: number }
  /** The counter holds no ticket (after a no-show or a finish). */
  | { kind: 'counter-free'; counterId: number }
  /** The screen draws `want` (soak/screens.ts `drawn`). */
  | { kind: 'drawn'; want: string; counterId?: number };

export type ToWorker =
  | { type: 'start'; url: string; screens: Screens; timeoutMs: number }
  | { type: 'until'; id: number; cond: Condition; timeoutMs: number }
  | { type: 'report'; id: number }
  | { type: 'stop' };

/** The calls one screen heard, in the order it heard them: [ticketId, number, recall]. */
export type HeardCall = [number, string, number];

export type FromWorker =
  | { type: 'started'; online: number; failed: number; example: string }
  /** Every screen of this worker has heard this call; `at` (clock.ts) is when the last of them did. */
  | { type: 'heard'; ticketId: number; recall: number; at: number }
  | { type: 'until'; id: number; ok: number; failed: number; example: string }
  | {
      type: 'report';
      id: number;
      screens: HeardCall[][];
      /** The last payload of each event type the first screen heard (the bare baseline sends the same bytes). */
      last: Record<string, object>;
    };
