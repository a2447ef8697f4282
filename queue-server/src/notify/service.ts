import {
  type NoticeChannel,
  type NoticeCounts,
  type NoticeEvent,
  type NoticeSummary,
  type PushSubscribeReply,
  type PushSubscriptionBody,
} from '@layso/protocol';
import type { Config } from '../config.js';
import type { Store, TicketRow } from '../db/store.js';
import { noticeState } from '../db/notices.js';
import { addDays, serviceDay, toIso, vnInstant } from '../domain/time.js';
import type { Clock } from '../domain/types.js';
import { fail } from '../errors.js';
import type { SyncLogger } from '../sync/provincial.js';
import { pushEndpointProblem } from '../upstream-url.js';
import { refusingAdapter, type AdapterFactory, type NoticeAdapter, type ProviderConfig } from './adapter.js';
import { Dispatcher, type DispatcherOptions } from './dispatcher.js';
import { NoticePlanner } from './planner.js';
import { loadVapidKeys, WebPushAdapter, type VapidKeys } from './push.js';
import { providerUrlProblem, readNoticeConfig, type NoticeConfig } from './settings.js';
import { smsAdapter } from './sms.js';
import { znsAdapter } from './zns.js';

export interface NoticesOptions {
  store: Store;
  clock: Clock;
  config: Pick<
    Config,
    'DATA_DIR' | 'VAPID_SUBJECT' | 'NOTICES_TIMEOUT_SECONDS' | 'ALLOW_HTTP_UPSTREAM' | 'publicUrl'
  >;
  centerName: () => string;
  /** The ZNS and SMS adapters; default: the HTTP ones of notify/zns.ts and notify/sms.ts. */
  providers?: Partial<Record<'zns' | 'sms', AdapterFactory>>;
  fetchImpl?: typeof fetch;
  logger?: SyncLogger;
  /** Dispatcher tuning (tests). */
  dispatch?: Partial<
    Pick<DispatcherOptions, 'backoff' | 'maxStrikes' | 'idleMs' | 'random' | 'timeoutMs' | 'fallbackAfterMs'>
  >;
}

const COUNT_KEYS = ['pending', 'sent', 'failed', 'dead', 'dropped'] as const;

/** Events a ticket in this state may still hear of. */
function eventsFor(t: TicketRow): NoticeEvent[] {
  if (t.status === 'waiting') return ['ahead', 'called', 'recalled', 'result_ready'];
  if (t.status === 'called') return ['recalled', 'result_ready'];
  return t.dossierCode ? ['result_ready'] : [];
}

/**
 * The notices as the server runs them (issue 19): the planner the queue writes through, the dispatcher's workers,
 * Web Push with the center's VAPID keys, the phone page's subscriptions, and the admin's delivery summary.
 */
export class Notices {
  readonly planner: NoticePlanner;
  readonly dispatcher: Dispatcher;
  readonly vapid: VapidKeys;
  private readonly push: WebPushAdapter;
  private readonly adapterCache = new Map<string, NoticeAdapter>();

  constructor(private readonly o: NoticesOptions) {
    this.vapid = loadVapidKeys(o.config.DATA_DIR);
    this.push = new WebPushAdapter({
      vapid: this.vapid,
      subject: o.config.VAPID_SUBJECT,
      allowLoopback: o.config.ALLOW_HTTP_UPSTREAM,
      ...(o.fetchImpl ? { fetchImpl: o.fetchImpl } : {}),
    });
    this.planner = new NoticePlanner(o.store, o.centerName);
    this.dispatcher = new Dispatcher({
      store: o.store,
      clock: o.clock,
      publicUrl: o.config.publicUrl,
      timeoutMs: o.config.NOTICES_TIMEOUT_SECONDS * 1000,
      adapters: (channel, config) => this.adapterFor(channel, config),
      ...(o.logger ? { logger: o.logger } : {}),
      ...o.dispatch,
    });
  }

  config(): NoticeConfig {
    return readNoticeConfig(this.o.store);
  }

  publicKey(): { publicKey: string; enabled: boolean } {
    return { publicKey: this.vapid.publicKey, enabled: this.config().channels.push.enabled };
  }

  /**
   * A browser subscribes to a ticket's notices; "N ahead" is planned at once if the ticket is already that close.
   * Open to anyone holding a QR: the route limits it per address with the phone's other actions.
   */
  subscribe(code: string, body: PushSubscriptionBody, aheadOf: (t: TicketRow) => number): PushSubscribeReply {
    const { store, clock } = this.o;
    this.checkEndpoint(body.endpoint);
    // An uncompressed P-256 point and a 16-byte secret, or the push could never be encrypted.
    const key = Buffer.from(body.keys.p256dh, 'base64url');
    if (key.length !== 65 || key[0] !== 4 || Buffer.from(body.keys.auth, 'base64url').length !== 16) {
      fail('LAYSO_PUSH_ENDPOINT_REFUSED');
    }
    const now = clock.now();
    const t = store.tickets.byTracking(code) ?? fail('LAYSO_TICKET_NOT_FOUND');
    const events = eventsFor(t);
    const today = t.day === serviceDay(now);
    if (!this.config().channels.push.enabled || events.length === 0 || (!today && !t.dossierCode)) {
      fail('LAYSO_NOTICES_CLOSED');
    }
    store.transaction(() => {
      store.pushSubscriptions.save(
        t.id,
        {
          endpoint: body.endpoint,
          p256dh: body.keys.p256dh,
          auth: body.keys.auth,
          consentVersion: body.consentVersion,
        },
        now,
      );
      if (t.status === 'waiting' && today) this.planner.queueMoved(t.day, t.serviceId, aheadOf, now);
    });
    this.dispatcher.wake('push');
    return { subscribed: true, events };
  }

  unsubscribe(code: string, endpoint: string): PushSubscribeReply {
    const t = this.o.store.tickets.byTracking(code) ?? fail('LAYSO_TICKET_NOT_FOUND');
    this.o.store.transaction(() => this.o.store.pushSubscriptions.remove(t.id, endpoint));
    return { subscribed: false, events: [] };
  }

  /** Deliveries over Vietnam days [from, to] (default: this month so far), for the admin. No personal data. */
  summary(q: {
    from?: string | undefined;
    to?: string | undefined;
    state?: NoticeSummary['items'][number]['state'] | undefined;
    channel?: NoticeChannel | undefined;
    limit: number;
  }): NoticeSummary {
    const { store, clock } = this.o;
    const now = clock.now();
    const today = serviceDay(now);
    const monthStart = `${today.slice(0, 8)}01`;
    const from = vnInstant(q.from ?? monthStart);
    const to = vnInstant(addDays(q.to ?? today, 1));
    const zero = (): NoticeCounts => ({ pending: 0, sent: 0, failed: 0, dead: 0, dropped: 0 });
    const slot = () => ({ total: zero(), byEvent: {} });
    const byChannel: NoticeSummary['byChannel'] = { push: slot(), zns: slot(), sms: slot() };
    for (const r of store.notices.counts(from, to)) {
      const slot = byChannel[r.channel];
      const { channel: _c, event, ...counts } = r;
      slot.byEvent[event] = counts;
      for (const k of COUNT_KEYS) slot.total[k] += counts[k];
    }
    const monthFrom = vnInstant(monthStart);
    const health: NoticeSummary['health'] = {
      push: this.healthOf('push'),
      zns: this.healthOf('zns'),
      sms: this.healthOf('sms'),
    };
    const items = store.notices
      .list({
        from: from.getTime(),
        to: to.getTime(),
        state: q.state ?? null,
        channel: q.channel ?? null,
        limit: q.limit,
      })
      .map((n) => ({
        id: n.id,
        key: n.key,
        event: n.event,
        channel: n.channel,
        state: noticeState(n),
        attempts: n.attempts,
        createdAt: toIso(n.createdAt),
        doneAt: ((d) => (d ? toIso(d) : null))(n.sentAt ?? n.deadAt ?? n.droppedAt),
        nextAttemptAt: noticeState(n) === 'pending' ? toIso(n.nextAttemptAt) : null,
        lastError: n.lastError,
      }));
    return {
      byChannel,
      month: {
        month: today.slice(0, 7),
        push: store.notices.sentSince('push', monthFrom),
        zns: store.notices.sentSince('zns', monthFrom),
        sms: store.notices.sentSince('sms', monthFrom),
      },
      health,
      items,
    };
  }

  /** Dead letters back to the queue (the caller audits it); returns how many. */
  retryDead(ids: readonly number[] | null, channel: NoticeChannel | null): number {
    const n = this.o.store.transaction(() =>
      this.o.store.notices.retryDead(this.o.clock.now(), ids, channel),
    );
    this.dispatcher.wake();
    return n;
  }

  private healthOf(c: NoticeChannel): NoticeSummary['health'][NoticeChannel] {
    const h = this.dispatcher.health(c);
    const iso = (t: number | null) => (t === null ? null : toIso(new Date(t)));
    return {
      state: this.config().channels[c].enabled ? h.state : 'off',
      consecutiveFailures: h.consecutiveFailures,
      lastSuccessAt: iso(h.lastSuccessAt),
      lastFailureAt: iso(h.lastFailureAt),
      lastError: h.lastError,
      nextAttemptAt: iso(h.nextAttemptAt),
    };
  }

  private adapterFor(channel: NoticeChannel, config: NoticeConfig): NoticeAdapter | null {
    if (channel === 'push') return this.push;
    const fetchImpl = this.o.fetchImpl ?? fetch;
    const factory =
      this.o.providers?.[channel] ??
      (channel === 'zns'
        ? (c: ProviderConfig) => znsAdapter(c, fetchImpl)
        : (c: ProviderConfig) => smsAdapter(c, fetchImpl));
    const c = config.channels[channel];
    if (!c.url) return null;
    const refused = providerUrlProblem(c.url, this.o.config.ALLOW_HTTP_UPSTREAM);
    if (refused) return refusingAdapter(channel, refused);
    const key = JSON.stringify([channel, c.url, c.credential, c.sender]);
    let adapter = this.adapterCache.get(key);
    if (!adapter) {
      adapter = factory({
        url: c.url,
        credential: c.credential,
        sender: c.sender,
        timeoutMs: this.o.config.NOTICES_TIMEOUT_SECONDS * 1000,
      });
      this.adapterCache.set(key, adapter);
    }
    return adapter;
  }

  /**
   * A push endpoint comes from anyone holding the QR: https to a public name only (../upstream-url.ts); the push
   * stand-in on this machine only with ALLOW_HTTP_UPSTREAM. The adapter checks again at send, resolved addresses too.
   */
  private checkEndpoint(endpoint: string): void {
    if (pushEndpointProblem(endpoint, this.o.config.ALLOW_HTTP_UPSTREAM)) fail('LAYSO_PUSH_ENDPOINT_REFUSED');
  }
}
