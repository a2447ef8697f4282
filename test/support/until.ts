/** Waiting on ui-kit's clients (realtime, floor) in tests: for a state they reach, never for time. */
export interface Observable<S> {
  getState(): S;
  subscribe(listener: () => void): () => void;
}

/** The client's first state (now or later) that satisfies `pred`. */
export function until<S>(client: Observable<S>, pred: (s: S) => boolean): Promise<S> {
  return new Promise((resolve) => {
    if (pred(client.getState())) return resolve(client.getState());
    const off = client.subscribe(() => {
      if (pred(client.getState())) {
        off();
        resolve(client.getState());
      }
    });
  });
}
