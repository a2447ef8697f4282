import { useEffect, useMemo, useState } from 'react';
import type { Counter, Service } from '@layso/protocol';
import { ApiError, Banner, Bi, Button, createApi, errorText, format, type Bilingual } from '@layso/ui-kit';
import { SHARED } from '../shared/messages.js';
import { M } from './messages.js';
import type { Session } from './session.js';

/**
 * The officer confirms where they sit: their usual counter is offered first, another free one can be taken
 * instead, and a counter held by someone else says who holds it. Confirming seats them (`/api/auth/seat`).
 */
export function ChooseCounter({
  session,
  onConfirmed,
  onSignOut,
}: {
  session: Session;
  onConfirmed: (s: Session) => void;
  onSignOut: () => void;
}) {
  const api = useMemo(() => createApi({ token: session.token }), [session.token]);
  const [counters, setCounters] = useState<Counter[] | null>(null);
  const [services, setServices] = useState<Service[]>([]);
  const [chosen, setChosen] = useState<number | null>(session.user.counterId ?? session.user.homeCounterId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Bilingual | null>(null);

  useEffect(() => {
    void api
      .counters()
      .then(setCounters, (e: unknown) =>
        setError(e instanceof ApiError ? errorText(e.code, e.message) : errorText('LAYSO_NETWORK')),
      );
    void api.services().then(setServices, () => undefined);
  }, [api]);

  const confirm = async () => {
    if (chosen === null || busy) return;
    setBusy(true);
    setError(null);
    try {
      const user = await api.seat(chosen);
      onConfirmed({ ...session, user, confirmed: true });
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError('LAYSO_NETWORK', '', 0);
      const holder = (e.details as { holder?: unknown } | undefined)?.holder;
      setError(
        typeof holder === 'string'
          ? format(M.counterTakenBy, { name: holder })
          : errorText(e.code, e.message),
      );
      setBusy(false);
    }
  };

  const serviceNames = (ids: number[]) =>
    ids
      .map((id) => services.find((s) => s.id === id)?.name)
      .filter(Boolean)
      .join(' · ');
  const chosenCounter = counters?.find((c) => c.id === chosen);

  return (
    <main className="cs-choose">
      <header className="cs-choose-head">
        <h1>
          <Bi m={M.chooseCounter} />
        </h1>
        <p>
          <Bi m={format(M.hello, { name: session.user.displayName })} />
        </p>
      </header>
      <div className="cs-counter-grid" role="radiogroup" aria-label={M.chooseCounter.vi}>
        {(counters ?? []).map((c) => {
          const mine = c.officerId === session.user.id;
          const held = c.officerId !== null && !mine;
          return (
            <button
              key={c.id}
              type="button"
              role="radio"
              aria-checked={chosen === c.id}
              className={`cs-counter ${chosen === c.id ? 'cs-counter-on' : ''} ${held ? 'cs-counter-held' : ''}`}
              onClick={() => setChosen(c.id)}
              data-testid={`counter-${c.id}`}
            >
              <span className="cs-counter-name">{c.name}</span>
              <span className="cs-counter-services">{serviceNames(c.serviceIds)}</span>
              <span className="cs-counter-holder">
                {mine ? (
                  <Bi m={M.yourCounter} single />
                ) : held ? (
                  <Bi m={format(M.heldBy, { name: c.officerName ?? '—' })} single />
                ) : (
                  <Bi m={M.free} single />
                )}
              </span>
            </button>
          );
        })}
      </div>
      {error ? <Banner tone="danger" title={error} testId="choose-error" /> : null}
      <footer className="cs-choose-foot">
        <Button
          variant="ghost"
          onClick={() => {
            void api.logout().catch(() => undefined);
            onSignOut();
          }}
        >
          <Bi m={M.signOut} single />
        </Button>
        <Button onClick={() => void confirm()} busy={busy} disabled={!chosenCounter} testId="confirm-counter">
          <Bi
            m={format(M.startHere, { counter: chosenCounter?.name ?? format(SHARED.counter, { n: '?' }).vi })}
            single
          />
        </Button>
      </footer>
    </main>
  );
}
