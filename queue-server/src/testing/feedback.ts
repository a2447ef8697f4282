import { DEFAULT_FEEDBACK_SETTINGS, type FeedbackSettings } from '@layso/protocol';
import { saveFeedbackSettings } from '../app/feedback-settings.js';
import { vnInstant } from '../domain/time.js';
import { startNotifyMock, type NotifyMock } from '../notify/mock.js';
import { readNoticeConfig, saveNoticeConfig } from '../notify/settings.js';
import { seedSmallCenter } from './center.js';
import { ManualClock, startHarness, type Harness } from './harness.js';
import { login, type Session } from './kit.js';

type Reply = Awaited<ReturnType<Harness['api']>>;

/**
 * Feedback cases over HTTP (issue 22), for queue-server's feedback tests: the small center on a fake clock
 * (9:00 on `day`), the notify stand-in, the admin and the feedback desk signed in, and the calls the tests make.
 */
export interface FeedbackKit {
  h: Harness;
  clock: ManualClock;
  mock: NotifyMock;
  admin: Session;
  desk: Session;
  /** The server's log lines so far. */
  logs: string[];
  /** Headers that make a request come from `address` (the harness trusts 127.0.0.1 as a proxy). */
  from(address: string): Record<string, string>;
  /** A fresh address for each request that should not meet another's limits. */
  fresh(): Record<string, string>;
  /** The feedback settings: the defaults with these changes. */
  settings(s: Partial<FeedbackSettings>): void;
  /** Answers by SMS to the stand-in, or no text channel at all (the default of a new center). */
  sms(on: boolean): void;
  /** The SMS the stand-in received for `phone`, waiting (bounded) for the dispatcher until there are `n`. */
  smsTo(phone: string, n: number): Promise<string[]>;
  kiosk(body: object): Promise<Reply>;
  phone(body: object, headers?: Record<string, string>): Promise<Reply>;
  act(s: Session, id: number, action: string, body: object): Promise<Reply>;
  caseOf(s: Session, id: number): Promise<Reply>;
  idOf(code: string): number;
  close(): Promise<void>;
}

export async function startFeedbackKit(day: string): Promise<FeedbackKit> {
  const clock = new ManualClock(vnInstant(day, 9 * 60));
  const mock = await startNotifyMock({ port: 0 });
  const logs: string[] = [];
  const h = await startHarness({
    clock,
    seed: seedSmallCenter, // Sessions outlive the days the clock moves over.
    env: { TRUST_PROXY: '127.0.0.1', SESSION_TTL_HOURS: '720', ALLOW_HTTP_UPSTREAM: 'true' },
    notices: { dispatch: { backoff: { baseMs: 5, capMs: 50 }, idleMs: 50 } },
    logStream: { write: (line) => void logs.push(line) },
  });
  const admin = await login(h, 'admin');
  const desk = await login(h, 'tiepnhan');
  const from = (address: string) => ({ 'x-forwarded-for': address });
  let address = 0;
  const fresh = () => {
    address += 1;
    return from(`10.0.${Math.floor(address / 250)}.${address % 250}`);
  };

  return {
    h,
    clock,
    mock,
    admin,
    desk,
    logs,
    from,
    fresh,
    settings: (s) => saveFeedbackSettings(h.store, { ...DEFAULT_FEEDBACK_SETTINGS, ...s }),
    sms(on) {
      const c = readNoticeConfig(h.store);
      const sms = on
        ? { ...c.channels.sms, enabled: true, url: mock.urls.sms, credential: 'sms-key', sender: 'LAYSO' }
        : { ...c.channels.sms, enabled: false };
      saveNoticeConfig(h.store, { ...c, channels: { ...c.channels, sms } });
    },
    async smsTo(phone, n) {
      const sent = () => mock.sms.received().filter((m) => m.to.endsWith(phone.slice(1)));
      const dispatcher = h.server.ctx.notices.dispatcher;
      for (let i = 0; i < 200 && sent().length < n; i++) {
        dispatcher.wake();
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, 50);
          const off = dispatcher.onChange(done);
          function done() {
            clearTimeout(timer);
            off();
            resolve();
          }
        });
      }
      return sent().map((m) => m.text);
    },
    kiosk: (body) =>
      h.api('/api/kiosk/feedback', { token: h.credentials.kioskToken, body, headers: fresh() }),
    phone: (body, headers = fresh()) => h.api('/api/public/feedback', { body, headers }),
    act: (s, id, action, body) => h.api(`/api/admin/feedback/${id}/${action}`, { token: s.token, body }),
    caseOf: (s, id) => h.api(`/api/admin/feedback/${id}`, { token: s.token }),
    idOf: (code) => h.store.feedback.byCode(code.replace('-', ''))?.id ?? 0,
    async close() {
      await h.close();
      await mock.close();
    },
  };
}
