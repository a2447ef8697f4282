import type { Ticket } from '@layso/protocol';
import { seedSmallCenter } from '../testing/center.js';
import { startHarness, type Harness } from '../testing/harness.js';
import { login, type Session } from '../testing/kit.js';
import { startNotifyMock, type NotifyMock } from './mock.js';

/**
 * The notices end to end, for tests (./notices.test.ts, ./notices-phone.test.ts): a real server, the real stand-ins
 * of `npm run notify-mock` (the push one decrypts what the phone would show), the dispatcher running as in
 * production, and one officer at a counter to call tickets.
 */
export interface NoticesLab {
  h: Harness;
  mock: NotifyMock;
  officer: Session;
  serviceId: number;
  counterName: string;
  callNext(): Promise<Ticket>;
  noShow(id: number): Promise<void>;
  /** Empties the officer's queue so that each test starts from nobody waiting. */
  drainQueue(): Promise<void>;
  /** Resolves once `done()` holds, checked now and after each notice the dispatcher handles; bounded. */
  settled(done: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startNoticesLab(): Promise<NoticesLab> {
  const mock = await startNotifyMock({ port: 0 });
  const h = await startHarness({
    seed: seedSmallCenter,
    // A long attempt budget: a push service that hangs would hold everyone for it, were it not alone.
    env: { ALLOW_HTTP_UPSTREAM: 'true', NOTICES_TIMEOUT_SECONDS: '30' },
    notices: {
      // An urgent ZNS notice undelivered for 1 s goes by SMS (30 s in production): far above a flaky ZNS's retries.
      dispatch: { backoff: { baseMs: 5, capMs: 50 }, idleMs: 100, maxStrikes: 50, fallbackAfterMs: 1000 },
    },
  });
  const officer = await login(h, 0);
  const counter = h.store.counters.byId(officer.counterId);
  const post = (path: string) => h.api(path, { token: officer.token, method: 'POST' });
  const noShow = async (id: number): Promise<void> => {
    const r = await post(`/api/tickets/${id}/no-show`);
    if (r.status !== 200) throw new Error(`no-show answered ${r.status}`);
  };
  return {
    h,
    mock,
    officer,
    serviceId: counter?.serviceIds[0] ?? 0,
    counterName: counter?.name ?? '',
    async callNext() {
      const r = await post(`/api/counters/${officer.counterId}/call-next`);
      if (r.status !== 200) throw new Error(`call-next answered ${r.status}`);
      return r.body.ticket as Ticket;
    },
    noShow,
    async drainQueue() {
      const current = h.store.counters.byId(officer.counterId)?.currentTicketId;
      if (current) await noShow(current);
      for (let i = 0; i < 100; i += 1) {
        const r = await post(`/api/counters/${officer.counterId}/call-next`);
        if (r.status === 204) return;
        await noShow((r.body.ticket as Ticket).id);
      }
    },
    settled(done, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!done()) return;
          off();
          clearTimeout(timer);
          resolve();
        };
        const off = h.server.ctx.notices.dispatcher.onChange(check);
        const timer = setTimeout(() => {
          off();
          reject(new Error(`not settled within ${timeoutMs} ms`));
        }, timeoutMs);
        check();
      });
    },
    async close() {
      await h.close();
      await mock.close();
    },
  };
}
