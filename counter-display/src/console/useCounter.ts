import { useCallback, useEffect, useRef, useState } from 'react';
import type { CounterQueue } from '@layso/protocol';
import { ApiError, useRealtime, type Api, type RealtimeClient } from '@layso/ui-kit';

/**
 * The counter as the server sees it: fetched on start, again whenever the counter's stream changes (a call,
 * a new ticket for its services, a reconnect's fresh snapshot) and after each action. One request at a time;
 * a change during a request asks for one more after it, so the view never lags behind the last event.
 */
export function useCounter(api: Api, counterId: number, realtime: RealtimeClient<'/counter'>) {
  const rt = useRealtime(realtime);
  const [queue, setQueue] = useState<CounterQueue | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const inFlight = useRef(false);
  const again = useRef(false);

  const refresh = useCallback(async () => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    try {
      do {
        again.current = false;
        try {
          setQueue(await api.counterQueue(counterId));
          setFailure(null);
        } catch (e) {
          setFailure(e instanceof ApiError ? e : new ApiError('LAYSO_NETWORK', '', 0));
        }
      } while (again.current);
    } finally {
      inFlight.current = false;
    }
  }, [api, counterId]);

  useEffect(() => {
    void refresh();
  }, [refresh, rt.snapshot]);

  return { queue, failure, status: rt.status, refresh };
}
