import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { NamespaceName } from '@layso/protocol';
import { forgetDeviceToken } from './device.js';
import { FloorClient, type FloorFollowState } from './floor.js';
import { RealtimeClient, type RealtimeState } from './realtime.js';

/** The realtime client's state, re-rendering on every change. */
export function useRealtime(client: RealtimeClient): RealtimeState {
  return useSyncExternalStore(client.subscribe, client.getState);
}

/** Calls `onIdle` after `seconds` without a touch, click or key (privacy: a kiosk forgets what was typed). */
export function useIdle(seconds: number, onIdle: () => void, enabled = true): void {
  const cb = useRef(onIdle);
  cb.current = onIdle;
  useEffect(() => {
    if (!enabled) return;
    let timer = window.setTimeout(() => cb.current(), seconds * 1000);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => cb.current(), seconds * 1000);
    };
    const events = ['pointerdown', 'keydown', 'input', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, reset, { capture: true, passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, reset, { capture: true });
    };
  }, [seconds, enabled]);
}

/** The current time, updated every `everyMs`. */
export function useNow(everyMs = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = window.setInterval(() => setNow(new Date()), everyMs);
    return () => window.clearInterval(t);
  }, [everyMs]);
  return now;
}

/** Seconds left of a countdown that restarts whenever `key` changes; calls `onDone` at zero. */
export function useCountdown(seconds: number, onDone: () => void, key: unknown = null): number {
  const [left, setLeft] = useState(seconds);
  const cb = useRef(onDone);
  cb.current = onDone;
  useEffect(() => {
    setLeft(seconds);
    const started = Date.now();
    const t = window.setInterval(() => {
      const l = Math.max(0, seconds - Math.floor((Date.now() - started) / 1000));
      setLeft(l);
      if (l === 0) {
        window.clearInterval(t);
        cb.current();
      }
    }, 250);
    return () => window.clearInterval(t);
  }, [seconds, key]);
  return left;
}

/**
 * A screen's stream of the server for the life of the component: started on mount, stopped on unmount. A
 * device whose token the server refuses (revoked) forgets it (`forgetDevice` names the app), so its next load
 * asks to be paired instead of knocking with a dead token.
 */
export function useStream<N extends NamespaceName>(
  namespace: N,
  token: string,
  forgetDevice?: string,
): { realtime: RealtimeClient<N>; state: RealtimeState } {
  const realtime = useMemo(() => new RealtimeClient({ url: '', namespace, token }), [namespace, token]);
  useEffect(() => {
    realtime.start();
    return () => realtime.stop();
  }, [realtime]);
  const state = useRealtime(realtime);
  useEffect(() => {
    if (state.status === 'refused' && forgetDevice) forgetDeviceToken(forgetDevice);
  }, [state.status, forgetDevice]);
  return { realtime, state };
}

/**
 * The live floor for the supervisors' monitor, for the life of the component: follows `/admin` with the session
 * `token`, keeps the latest `FloorState`, asks for it again on every reconnect, and tells the connection's status
 * (`refused` when the session is no longer valid). `url` '' = the page's own origin.
 */
export function useFloor(token: string, url = ''): FloorFollowState & { refresh(): void } {
  const client = useMemo(() => new FloorClient({ url, token }), [url, token]);
  useEffect(() => {
    client.start();
    return () => client.stop();
  }, [client]);
  const state = useSyncExternalStore(client.subscribe, client.getState);
  return useMemo(() => ({ ...state, refresh: () => client.request() }), [state, client]);
}
