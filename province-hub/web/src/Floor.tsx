import type { HubSiteFloor, HubSiteRow } from '@layso/protocol';
import { Banner, Bi, format, Spinner } from '@layso/ui-kit';
import { ago, duration, H } from './messages.js';

const STATUS = { open: H.open, paused: H.paused, closed: H.closed } as const;

/** One site's floor, read-only and live: its counters and who waits for each service. */
export function Floor({ row, floor }: { row: HubSiteRow; floor: HubSiteFloor | null }) {
  const now = floor?.row ?? row;
  return (
    <main className="hub-main">
      <a className="hub-back" href="#/">
        <Bi m={H.back} single />
      </a>
      <header className="hub-floor-head">
        <h2>
          {now.name} <small>{now.commune}</small>
        </h2>
        <span className="hub-readonly">
          <Bi m={H.readOnly} single />
        </span>
        <span>
          <Bi m={H.lastHeard} single />: {now.lastHeardAt ? ago(now.lastHeardAt, now.asOf).vi : H.never.vi}
        </span>
      </header>
      {now.stale ? (
        <Banner tone="danger" title={H.stale} detail={H.staleDetail} testId="floor-stale" />
      ) : null}
      {now.openFaults > 0 ? (
        <Banner tone="warning" title={format(H.openFaults, { n: now.openFaults })} testId="floor-faults" />
      ) : null}
      {now.backlog > 0 ? <Banner tone="info" title={format(H.backlogDetail, { n: now.backlog })} /> : null}
      {!floor ? (
        <Spinner label={H.loading} />
      ) : (
        <>
          <section>
            <h3>
              <Bi m={H.counters} />
            </h3>
            {floor.counters.length === 0 ? (
              <p className="hub-empty">
                <Bi m={H.noCounters} />
              </p>
            ) : (
              <div className="hub-counters" data-testid="counters">
                {floor.counters.map((c) => (
                  <div key={c.counter} className={`hub-counter hub-counter-${c.status}`}>
                    <header>
                      <span>
                        {H.counter.vi} {c.counter}
                      </span>
                      <span>
                        <Bi m={STATUS[c.status]} single />
                      </span>
                    </header>
                    <span className="hub-counter-number">{c.currentNumber ?? '—'}</span>
                  </div>
                ))}
              </div>
            )}
          </section>
          <section>
            <h3>
              <Bi m={H.services} />
            </h3>
            {floor.services.length === 0 ? (
              <p className="hub-empty">
                <Bi m={H.nobodyWaits} />
              </p>
            ) : (
              <table className="hub-table hub-services" data-testid="services">
                <thead>
                  <tr>
                    {[H.service, H.waitingNow, H.called, H.longestWait].map((m) => (
                      <th key={m.en} scope="col">
                        <Bi m={m} />
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {floor.services.map((s) => (
                    <tr key={s.service}>
                      <th scope="row">{s.service}</th>
                      <td data-label={H.waitingNow.vi}>{s.waiting}</td>
                      <td data-label={H.called.vi}>{s.called}</td>
                      <td data-label={H.longestWait.vi}>
                        {s.longestWaitSeconds === null ? '—' : duration(s.longestWaitSeconds).vi}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </main>
  );
}
