import type {
  CounterStatus,
  DeviceKind,
  FloorAlert,
  FloorCounter,
  FloorDevice,
  FloorService,
  FloorState,
  PrinterState,
} from '@layso/protocol';
import type { OutboxCounts } from '../db/outbox.js';
import type { DossierAlerts } from './dossier-deadlines.js';
import { feedbackAlerts } from './feedback-register.js';
import type { CounterRow, DeviceRow, Store } from '../db/store.js';
import { toIso } from '../domain/time.js';
import type { Clock } from '../domain/types.js';
import type { Outgoing } from './events.js';
import type { StorageStatus } from './health.js';
import type { QueueViews } from './views.js';
import { hubAlert } from '../hub/link.js';

/** A device offline longer than this is an alert. */
export const DEVICE_OFFLINE_ALERT_MS = 2 * 60_000;
/** A dossier record waiting for the province longer than this is an alert. */
export const OUTBOX_LATE_ALERT_MS = 10 * 60_000;

/** What the floor needs to know of the devices (realtime/presence.ts). */
export interface FloorPresence {
  states(): {
    device: DeviceRow;
    online: boolean;
    lastSeenAt: Date | null;
    printer: PrinterState | null;
    printerSince: Date | null;
    printerReported: boolean;
  }[];
  serverPrinterState(): { state: PrinterState; since: Date | null };
}

export interface FloorSources {
  store: Store;
  /** Asked at each use (the app factory makes the queue beside the floor). */
  queue: () => QueueViews;
  clock: Clock;
  presence: FloorPresence;
  outbox: { counts(): OutboxCounts };
  /** The kiosks refused lately for issuing beyond their pace (`DeviceRate.tooFast()`). */
  tooFast?: () => { deviceId: number; since: Date }[];
  /** The provincial worker's view of the province (`ProvincialSync.health()`). */
  province: () => {
    enabled: boolean;
    state: 'unknown' | 'up' | 'failing';
    lastError: string | null;
  };
  /** The link to the province hub when the site is joined (`HubLink.view()`); absent or null: never alerts. */
  hub?: () => Parameters<typeof hubAlert>[0];
  /** A surge of failed sign-ins going on (`AuthService.signInSurge()`); absent: never alerts. */
  signIns?: () => { failures: number; since: Date } | null;
  /** Whether the database takes a write and the disk has room (`StorageHealth.recent()`). */
  storage: () => StorageStatus;
  /** Overdue dossiers and results waiting uncollected (`DossierDeadlines.alerts()`); absent: never alerts. */
  dossiers?: () => DossierAlerts;
  /** Feedback cases overdue and due soon (`FeedbackRegister.floorCounts()`); absent: never alerts. */
  feedback?: () => { overdue: number; dueSoon: number };
}

const iso = (d: Date | null): string | null => (d ? toIso(d) : null);

const DEVICE_NAME: Record<DeviceKind, { vi: string; en: string }> = {
  kiosk: { vi: 'Ki-ốt', en: 'Kiosk' },
  display: { vi: 'Màn hình sảnh', en: 'Lobby display' },
  counter: { vi: 'Màn hình quầy', en: 'Counter screen' },
};

/** What a printer state means for the supervisor, and what to do; null = nothing to do. */
const PRINTER_ALERT: Partial<
  Record<PrinterState, { severity: FloorAlert['severity']; vi: string; en: string }>
> = {
  'paper-near-end': {
    severity: 'warning',
    vi: 'sắp hết giấy. Chuẩn bị cuộn giấy mới và thay khi máy báo hết.',
    en: 'is running out of paper. Have a new roll ready and load it when it runs out.',
  },
  'paper-out': {
    severity: 'danger',
    vi: 'đã hết giấy. Thay cuộn giấy mới ngay; đến khi đó công dân chỉ nhận số trên màn hình.',
    en: 'is out of paper. Load a new roll now; until then citizens only get their number on screen.',
  },
  'cover-open': {
    severity: 'danger',
    vi: 'đang mở nắp. Đóng nắp máy in lại cho khớp.',
    en: 'has its cover open. Close the printer cover firmly.',
  },
  offline: {
    severity: 'danger',
    vi: 'không phản hồi. Kiểm tra nguồn điện và dây cáp của máy in.',
    en: 'does not answer. Check the printer’s power and cable.',
  },
  error: {
    severity: 'danger',
    vi: 'báo lỗi. Tắt máy in rồi bật lại; nếu vẫn lỗi, gọi bộ phận kỹ thuật.',
    en: 'reports an error. Switch the printer off and on again; if the error stays, call technical support.',
  },
};

/**
 * The live floor for the supervisors' monitor (`floor` on `/admin`): every service's queue, every counter, the
 * devices' presence, the provincial outbox, and what needs a supervisor's action. Computed from a handful of
 * indexed reads (today's tickets only, never history). Public and operational data only: no citizen's name,
 * phone or ID number is read here.
 */
export class FloorView {
  /** Per counter: its state as last published and since when (null: since before this server started). */
  private readonly counterSince = new Map<number, { key: string; at: Date | null }>();

  constructor(private readonly src: FloorSources) {
    for (const c of src.store.counters.all()) {
      this.counterSince.set(c.id, {
        key: this.key(src.store.counters.status(c), c.currentTicketId),
        at: null,
      });
    }
  }

  /** Follows counters' changes as they are published, to know since when each is in its state. */
  observe(events: Outgoing[]): void {
    for (const e of events) {
      if (e.type !== 'counter:changed') continue;
      const key = this.key(e.data.status, e.data.currentTicketId);
      if (this.counterSince.get(e.data.counterId)?.key !== key) {
        this.counterSince.set(e.data.counterId, { key, at: this.src.clock.now() });
      }
    }
  }

  state(): FloorState {
    const { store, clock } = this.src;
    const queue = this.src.queue();
    const now = clock.now();
    const day = queue.today();
    const waitingSince = new Map<number, Date>();
    const servedByService = new Map<number, number>();
    const servedByCounter = new Map<number, number>();
    for (const f of store.tickets.dayFigures(day)) {
      if (f.status === 'waiting') {
        const before = waitingSince.get(f.serviceId);
        if (f.oldestQueuedAt && (!before || f.oldestQueuedAt < before))
          waitingSince.set(f.serviceId, f.oldestQueuedAt);
      } else {
        servedByService.set(f.serviceId, (servedByService.get(f.serviceId) ?? 0) + f.count);
        if (f.counterId !== null)
          servedByCounter.set(f.counterId, (servedByCounter.get(f.counterId) ?? 0) + f.count);
      }
    }

    const services: FloorService[] = queue.services().map((s) => {
      const sd = store.tickets.serviceDay(s.id, day);
      return {
        id: s.id,
        code: s.code,
        name: s.name,
        waiting: s.waiting,
        waitingPriority: Math.min(sd.waitingPriority, s.waiting),
        longestWaitingSince: s.waiting > 0 ? iso(waitingSince.get(s.id) ?? null) : null,
        estimatedWaitMinutes: s.estimatedWaitMinutes,
        openCounters: s.openCounters,
        issuing: s.issuing,
        notIssuingReason: s.notIssuingReason,
        issuedToday: sd.issued,
        servedToday: servedByService.get(s.id) ?? 0,
      };
    });

    const counters: FloorCounter[] = store.counters.all().map((c) => this.counter(c, servedByCounter));

    const states = this.src.presence.states().filter((s) => s.device.revokedAt === null);
    const devices: FloorDevice[] = states.map((s) => ({
      id: s.device.id,
      kind: s.device.kind,
      name: s.device.name,
      counterId: s.device.counterId,
      online: s.online,
      lastSeenAt: iso(s.lastSeenAt),
      printer: s.printer,
    }));

    const counts = this.src.outbox.counts();
    const health = this.src.province();
    const province = health.enabled ? health.state : 'off';

    const alerts: FloorAlert[] = [];
    for (const s of states) {
      const since = s.lastSeenAt;
      if (!s.online && since && now.getTime() - since.getTime() > DEVICE_OFFLINE_ALERT_MS) {
        const kind = DEVICE_NAME[s.device.kind];
        alerts.push({
          kind: 'device-offline',
          severity: s.device.kind === 'kiosk' ? 'danger' : 'warning',
          deviceId: s.device.id,
          vi: `${kind.vi} "${s.device.name}" mất kết nối. Kiểm tra nguồn điện và mạng của máy; nếu vẫn không được, mở lại liên kết ghép nối của máy.`,
          en: `${kind.en} "${s.device.name}" is offline. Check its power and network; if that does not help, open its pairing link again.`,
          since: toIso(since),
        });
      }
      if (s.printerReported && s.printer) {
        const a = PRINTER_ALERT[s.printer];
        if (a)
          alerts.push({
            kind: 'printer',
            severity: a.severity,
            deviceId: s.device.id,
            vi: `Máy in của ki-ốt "${s.device.name}" ${a.vi}`,
            en: `The printer of kiosk "${s.device.name}" ${a.en}`,
            since: iso(s.printerSince),
          });
      }
    }
    const names = new Map(states.map((s) => [s.device.id, s.device.name]));
    for (const t of this.src.tooFast?.() ?? []) {
      const name = names.get(t.deviceId);
      if (name === undefined) continue; // revoked since: its token issues nothing any more
      alerts.push({
        kind: 'kiosk-too-fast',
        severity: 'warning',
        deviceId: t.deviceId,
        vi: `Ki-ốt "${name}" lấy số quá nhanh — kiểm tra thiết bị: có thể bị kẹt phím, bị can thiệp hoặc mã thiết bị đã lộ (thu hồi và ghép nối lại).`,
        en: `Kiosk "${name}" issues too fast — check the device: a stuck key, tampering, or a leaked device token (revoke it and pair again).`,
        since: toIso(t.since),
      });
    }
    const server = this.src.presence.serverPrinterState();
    const serverAlert = PRINTER_ALERT[server.state];
    if (serverAlert)
      alerts.push({
        kind: 'printer',
        severity: serverAlert.severity,
        deviceId: null,
        vi: `Máy in phiếu của ki-ốt ${serverAlert.vi}`,
        en: `The kiosks’ ticket printer ${serverAlert.en}`,
        since: iso(server.since),
      });
    if (counts.dead > 0)
      alerts.push({
        kind: 'outbox',
        severity: 'danger',
        deviceId: null,
        vi: `${counts.dead} hồ sơ không gửi được lên hệ thống của tỉnh. Mở mục Đồng bộ hồ sơ, xem lỗi của từng hồ sơ, sửa rồi bấm Gửi lại.`,
        en: `${counts.dead} dossier record(s) could not be sent to the provincial system. Open Dossier sync, read each error, fix it and press Retry.`,
        since: null,
      });
    if (counts.oldestPendingAt && now.getTime() - counts.oldestPendingAt.getTime() > OUTBOX_LATE_ALERT_MS)
      alerts.push({
        kind: 'outbox',
        severity: 'warning',
        deviceId: null,
        vi: `${counts.pending} hồ sơ chờ gửi lên tỉnh quá 10 phút. Máy chủ vẫn tự gửi lại; hãy kiểm tra kết nối mạng tới hệ thống của tỉnh.`,
        en: `${counts.pending} dossier record(s) have waited more than 10 minutes to reach the province. The server keeps retrying; check the network link to the provincial system.`,
        since: toIso(counts.oldestPendingAt),
      });
    if (province === 'failing')
      alerts.push({
        kind: 'province',
        severity: 'warning',
        deviceId: null,
        vi: `Hệ thống của tỉnh không phản hồi${health.lastError ? ` (${health.lastError})` : ''}. Hồ sơ được giữ lại và tự gửi khi tỉnh hoạt động lại; nếu kéo dài, báo bộ phận kỹ thuật.`,
        en: `The provincial system is not answering${health.lastError ? ` (${health.lastError})` : ''}. Records are kept and sent once it answers again; if this lasts, tell technical support.`,
        since: null,
      });
    const hub = hubAlert(this.src.hub?.() ?? null);
    if (hub) alerts.push(hub);
    const surge = this.src.signIns?.() ?? null;
    if (surge)
      alerts.push({
        kind: 'sign-in-surge',
        severity: 'warning',
        deviceId: null,
        vi: `${surge.failures} lần đăng nhập sai trong một phút qua: có thể ai đó trong mạng đang dò mật khẩu. Máy chủ đã tự từ chối bớt; báo bộ phận kỹ thuật kiểm tra các máy trong mạng, và nhắc cán bộ đổi mật khẩu nếu nghi bị lộ.`,
        en: `${surge.failures} failed sign-ins in the last minute: someone on the network may be guessing passwords. The server already refuses the excess; ask technical support to check the machines on the network, and have officers change passwords they suspect were exposed.`,
        since: toIso(surge.since),
      });
    alerts.push(...dossierAlerts(this.src.dossiers?.() ?? null));
    alerts.push(...feedbackAlerts(this.src.feedback?.() ?? null));
    const storage = storageAlert(this.src.storage());
    if (storage) alerts.push(storage);
    // The most urgent first; within a severity, in the order above (devices, printers, outbox, province, sign-ins,
    // dossiers, feedback, storage).
    alerts.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'danger' ? -1 : 1));

    return {
      at: toIso(now),
      day,
      services,
      counters,
      devices,
      outbox: {
        pending: counts.pending,
        dead: counts.dead,
        oldestPendingAt: iso(counts.oldestPendingAt),
        province,
      },
      alerts,
    };
  }

  private counter(c: CounterRow, served: Map<number, number>): FloorCounter {
    const view = this.src.queue().counterView(c);
    const current = c.currentTicketId === null ? null : this.src.store.tickets.byId(c.currentTicketId);
    const serving = view.status === 'open' && current !== null;
    const tracked = this.counterSince.get(c.id);
    const since = serving
      ? (current?.calledAt ?? null)
      : tracked?.key === this.key(view.status, c.currentTicketId)
        ? tracked.at
        : null;
    return {
      id: c.id,
      number: c.number,
      name: c.name,
      status: view.status,
      serving,
      currentNumber: current?.number ?? null,
      officerName: view.officerName,
      pauseReason: view.pauseReason,
      since: iso(since),
      servedToday: served.get(c.id) ?? 0,
    };
  }

  private key(status: CounterStatus, currentTicketId: number | null): string {
    return `${status}|${currentTicketId === null ? 'idle' : 'serving'}`;
  }
}

const mb = (bytes: number | null): string => (bytes === null ? '?' : `${Math.floor(bytes / 1024 / 1024)} MB`);

/** The server cannot keep what it is told: every ticket, call and sign-in is refused until someone acts. */
export function storageAlert(s: StorageStatus): FloorAlert | null {
  if (s.problem === null) return null;
  const base = { kind: 'storage' as const, severity: 'danger' as const, deviceId: null, since: null };
  if (s.problem === 'LAYSO_DISK_FULL')
    return {
      ...base,
      vi: `Máy chủ sắp hết hoặc đã hết dung lượng đĩa (còn ${mb(s.freeBytes)}, cần ít nhất ${mb(s.minFreeBytes)}). Phiếu mới và thao tác tại quầy sẽ không lưu được. Báo ngay bộ phận kỹ thuật để giải phóng dung lượng.`,
      en: `The server's disk is (almost) full (${mb(s.freeBytes)} free, at least ${mb(s.minFreeBytes)} needed). New tickets and counter actions cannot be saved. Tell technical support at once to free space.`,
    };
  return {
    ...base,
    vi: `Cơ sở dữ liệu của máy chủ không ghi được${s.writeError ? ` (${s.writeError})` : ''}. Phiếu mới và thao tác tại quầy sẽ không lưu được. Báo ngay bộ phận kỹ thuật.`,
    en: `The server's database cannot be written${s.writeError ? ` (${s.writeError})` : ''}. New tickets and counter actions cannot be saved. Tell technical support at once.`,
  };
}

/** Dossiers past their appointment without a result, and results nobody came for: the center must act on both. */
export function dossierAlerts(d: DossierAlerts | null): FloorAlert[] {
  if (d === null) return [];
  const alerts: FloorAlert[] = [];
  const base = { severity: 'warning' as const, deviceId: null };
  if (d.overdue > 0)
    alerts.push({
      ...base,
      kind: 'dossiers-overdue',
      vi: `${d.overdue} hồ sơ đã quá ngày hẹn trả mà chưa có kết quả. Mở mục Hồ sơ › Quá hạn để xem từng hồ sơ, đôn đốc cơ quan giải quyết và báo công dân.`,
      en: `${d.overdue} dossier(s) are past their appointment without a result. Open Dossiers › Overdue to see each one, chase the handling agency and tell the citizens.`,
      since: iso(d.oldestDueAt),
    });
  if (d.uncollected > 0)
    alerts.push({
      ...base,
      kind: 'results-uncollected',
      vi: `${d.uncollected} kết quả đã có từ ${d.days} ngày làm việc trở lên mà công dân chưa đến nhận. Mở mục Hồ sơ › Chưa đến nhận để liên hệ công dân.`,
      en: `${d.uncollected} result(s) have waited ${d.days} working day(s) or more without being collected. Open Dossiers › Uncollected to contact the citizens.`,
      since: iso(d.oldestReadyAt),
    });
  return alerts;
}
