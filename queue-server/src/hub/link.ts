/**
 * The site's link to the province hub, as the server wires it: joined when HUB_URL and HUB_SITE_KEY are set (then
 * `store.hub` records facts and the sender runs as a background job), off otherwise (nothing recorded, nothing sent).
 * Also turns the published device and printer faults into facts: they are not commands of their own.
 */
import type { FloorAlert, HubLinkHealth as HubLinkView, PrinterState } from '@layso/protocol';
import type { Config } from '../config.js';
import type { Outgoing } from '../app/events.js';
import type { Store } from '../db/store.js';
import type { Clock } from '../domain/types.js';
import type { Job } from '../jobs.js';
import { toIso } from '../domain/time.js';
import { upstreamView } from '../sync/health.js';
import type { SyncLogger } from '../sync/provincial.js';
import { HubFacts } from './facts.js';
import { HubSender, type HubSenderOptions } from './sender.js';

const OFF = {
  enabled: false,
  state: 'unknown',
  consecutiveFailures: 0,
  lastSuccessAt: null,
  lastFailureAt: null,
  lastError: null,
  nextAttemptAt: null,
} as const;

/** A printer state that is no fault: the fault it follows, if any, is over. */
const CLEAR: ReadonlySet<PrinterState> = new Set(['ready', 'not-configured']);

export class HubLink {
  private readonly facts: HubFacts;
  /** Each kiosk's own printer as last recorded: a repeated report of the same state is not a new fact. */
  private readonly kiosks = new Map<number, PrinterState>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** Null when the site is not joined. */
    readonly sender: HubSender | null,
  ) {
    this.facts = new HubFacts(store);
    store.hub.join(sender?.site ?? null);
  }

  /** The background job that sends (null when not joined). */
  job(): Job | null {
    const sender = this.sender;
    return sender ? { name: 'hub-sender', start: () => sender.start(), stop: () => sender.stop() } : null;
  }

  /** The link as `/api/health` and `/metrics` show it: off when not joined, else the sender's state; the backlog. */
  view(): HubLinkView {
    const h = this.sender?.health() ?? { ...OFF, stopped: null, lastHeartbeatAt: null };
    const backlog = this.store.hub.backlog();
    const ack = this.store.hub.acknowledged();
    const at = (ms: number | null) => (ms === null ? null : toIso(new Date(ms)));
    return {
      ...upstreamView(h),
      stopped: h.stopped,
      // Facts of an earlier joined run still show when the site is no longer joined: they wait for it.
      backlog: backlog.count,
      oldestUnsentAt: at(backlog.oldestAt),
      acknowledgedSeq: ack.seq,
      lastAcknowledgedAt: ack.at ? toIso(ack.at) : null,
      lastHeartbeatAt: at(h.lastHeartbeatAt),
    };
  }

  /** Faults among the events just published, each as a fact in a transaction of its own. */
  observe(events: readonly Outgoing[]): void {
    if (!this.store.hub.joined) return;
    for (const e of events) {
      if (e.type === 'printer:fault' && e.data.deviceId !== null) {
        const { deviceId, code } = e.data;
        this.record(() => this.facts.fault('printer', deviceId, code, false, this.clock.now()));
      } else if (e.type === 'kiosk:printer' && this.kiosks.get(e.data.deviceId) !== e.data.state) {
        const { deviceId, state } = e.data;
        const before = this.kiosks.get(deviceId);
        this.kiosks.set(deviceId, state);
        // A kiosk's first report of a working printer is no news.
        if (before === undefined && CLEAR.has(state)) continue;
        this.record(() => this.facts.fault('printer', deviceId, state, CLEAR.has(state), this.clock.now()));
      }
    }
  }

  private record(fn: () => void): void {
    try {
      this.store.transaction(fn);
    } catch {
      // The database refused the write (full, read-only): the screens were told of the fault; the hub is not.
    }
  }
}

/** The link of a configured server: joined with HUB_URL and HUB_SITE_KEY (config checks both or neither). */
export function hubLinkFromConfig(
  config: Pick<Config, 'HUB_URL' | 'HUB_SITE_KEY'>,
  deps: { store: Store; clock: Clock; logger?: SyncLogger } & Pick<HubSenderOptions, 'fetchImpl'>,
): HubLink {
  const { store, clock, logger, fetchImpl } = deps;
  const key = config.HUB_SITE_KEY;
  const sender =
    config.HUB_URL && key
      ? new HubSender({
          repo: store.hub,
          transaction: (fn) => store.transaction(fn),
          clock,
          url: config.HUB_URL,
          siteKey: key,
          ...(logger ? { logger } : {}),
          ...(fetchImpl ? { fetchImpl } : {}),
        })
      : null;
  return new HubLink(store, clock, sender);
}

/** The hub link failing or stopped: the site's facts are kept, and what to do about it. */
export function hubAlert(
  link: Pick<HubLinkView, 'state' | 'stopped' | 'lastError' | 'backlog'> | null,
): FloorAlert | null {
  if (!link || link.state !== 'failing') return null;
  const why = link.lastError ? ` (${link.lastError})` : '';
  const base = { kind: 'hub' as const, deviceId: null, since: null };
  if (link.stopped === 'key')
    return {
      ...base,
      severity: 'danger',
      vi: `Trung tâm tỉnh từ chối mã khóa của điểm này${why}: mã đã bị thu hồi hoặc sai. ${link.backlog} sự kiện được giữ lại, chưa gửi; xin quản trị tỉnh cấp mã mới và đặt vào HUB_SITE_KEY.`,
      en: `The province hub refuses this site's key${why}: revoked or wrong. ${link.backlog} fact(s) are kept, not sent; ask the province's admin for a new key and set HUB_SITE_KEY.`,
    };
  if (link.stopped)
    return {
      ...base,
      severity: 'danger',
      vi: `Việc gửi số liệu lên trung tâm tỉnh đã dừng${why}. Không sự kiện nào bị bỏ (${link.backlog} đang chờ); báo bộ phận kỹ thuật.`,
      en: `Sending to the province hub has stopped${why}. No fact is dropped (${link.backlog} waiting); tell technical support.`,
    };
  return {
    ...base,
    severity: 'warning',
    vi: `Trung tâm tỉnh không phản hồi${why}. ${link.backlog} sự kiện được giữ lại và tự gửi khi kết nối lại.`,
    en: `The province hub is not answering${why}. ${link.backlog} fact(s) are kept and sent once it answers again.`,
  };
}
