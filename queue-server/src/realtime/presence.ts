import type { AdminDevice, PrinterState, PrinterStatus } from '@layso/protocol';
import type { Outgoing } from '../app/events.js';
import type { DeviceRow, Store } from '../db/store.js';
import { toIso } from '../domain/time.js';
import type { Clock } from '../domain/types.js';

/** The stored last-seen time moves at most this often per device (the exact one is kept in memory). */
const PERSIST_EVERY_MS = 60_000;

/** One device as the admin and the floor monitor see it. */
export interface DeviceState {
  device: DeviceRow;
  /** At least one socket of the device is connected. */
  online: boolean;
  lastSeenAt: Date | null;
  /** A kiosk's printer: its own as it reported it, else the server's ticket printer; null for other devices. */
  printer: PrinterState | null;
  /** Since when the printer has been in that state, when known. */
  printerSince: Date | null;
  /** The state is the kiosk's own report (false: the server's ticket printer stands in for it). */
  printerReported: boolean;
}

/**
 * Which devices are connected and when each was last seen: a socket of the device connecting or dropping, or a
 * request with its token. In memory to the millisecond; stored (`devices.last_seen_at`) when a socket connects or
 * drops, at most about once a minute per device, and on shutdown — never per request, so a request changes
 * nothing in the database by being made. Also keeps each kiosk's own printer state as the kiosk reported it.
 */
export class DevicePresence {
  private readonly sockets = new Map<number, number>();
  private readonly seen = new Map<number, number>();
  private readonly stored: Map<number, number>;
  private readonly reported = new Map<number, { state: PrinterState; since: Date }>();
  private server: { state: PrinterState; since: Date | null } | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** The server's ticket printer as it stands (asked at each use). */
    private readonly serverPrinter: () => PrinterStatus,
  ) {
    this.stored = store.devices.seen();
  }

  /** A socket of the device connected. */
  connected(deviceId: number): void {
    const n = (this.sockets.get(deviceId) ?? 0) + 1;
    this.sockets.set(deviceId, n);
    this.touch(deviceId, true);
    if (n === 1) this.changed();
  }

  /** A socket of the device dropped. */
  disconnected(deviceId: number): void {
    const n = Math.max(0, (this.sockets.get(deviceId) ?? 0) - 1);
    if (n === 0) this.sockets.delete(deviceId);
    else this.sockets.set(deviceId, n);
    this.touch(deviceId, true);
    if (n === 0) this.changed();
  }

  /** An authenticated request by the device's token: remembered, not stored (see the class comment). */
  request(deviceId: number): void {
    this.touch(deviceId, false);
  }

  online(deviceId: number): boolean {
    return (this.sockets.get(deviceId) ?? 0) > 0;
  }

  lastSeenAt(deviceId: number): Date | null {
    const at = Math.max(this.seen.get(deviceId) ?? -Infinity, this.stored.get(deviceId) ?? -Infinity);
    return Number.isFinite(at) ? new Date(at) : null;
  }

  /** Printer states as they are published: a kiosk's own report, and the server's ticket printer. */
  observe(events: Outgoing[]): void {
    let changed = false;
    for (const e of events) {
      if (e.type === 'kiosk:printer') {
        const before = this.reported.get(e.data.deviceId);
        if (before?.state !== e.data.state) {
          this.reported.set(e.data.deviceId, { state: e.data.state, since: new Date(e.data.at) });
          changed = true;
        }
      } else if (e.type === 'printer:status' && e.data.state !== this.server?.state) {
        this.server = { state: e.data.state, since: new Date(e.data.checkedAt) };
        changed = true;
      }
    }
    if (changed) this.changed();
  }

  /** The server's ticket printer, and since when it is in that state (null: since before we knew). */
  serverPrinterState(): { state: PrinterState; since: Date | null } {
    const state = this.serverPrinter().state;
    // A change not (yet) published through `observe`: the state holds, since when is not known.
    if (!this.server || this.server.state !== state) this.server = { state, since: null };
    return this.server;
  }

  state(device: DeviceRow): DeviceState {
    const own = device.kind === 'kiosk' ? this.reported.get(device.id) : undefined;
    const server = device.kind === 'kiosk' && !own ? this.serverPrinterState() : null;
    return {
      device,
      online: device.revokedAt === null && this.online(device.id),
      lastSeenAt: this.lastSeenAt(device.id),
      printer: own?.state ?? server?.state ?? null,
      printerSince: own?.since ?? server?.since ?? null,
      printerReported: own !== undefined,
    };
  }

  /** Every device, revoked ones included (the admin's list). */
  states(): DeviceState[] {
    return this.store.devices.all().map((d) => this.state(d));
  }

  /** The reply shape of a device for the admin. */
  adminView(device: DeviceRow): AdminDevice {
    const s = this.state(device);
    return {
      id: device.id,
      kind: device.kind,
      name: device.name,
      counterId: device.counterId,
      createdAt: toIso(new Date(device.createdAt)),
      revokedAt: device.revokedAt === null ? null : toIso(new Date(device.revokedAt)),
      online: s.online,
      lastSeenAt: s.lastSeenAt ? toIso(s.lastSeenAt) : null,
      printer: s.printer,
    };
  }

  /** The list of devices changed (one registered or revoked): whoever follows presence looks again. */
  changed(): void {
    for (const l of this.listeners) l();
  }

  /** Called after anything the admin sees of devices changes (online, printer, the list). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stores every last-seen time not stored yet (on shutdown). */
  flush(): void {
    for (const [id, at] of this.seen) {
      if ((this.stored.get(id) ?? -Infinity) < at) this.write(id, at);
    }
  }

  private touch(deviceId: number, store: boolean): void {
    const now = this.clock.now().getTime();
    this.seen.set(deviceId, Math.max(now, this.seen.get(deviceId) ?? -Infinity));
    const last = this.stored.get(deviceId);
    if (store && (last === undefined || now - last >= PERSIST_EVERY_MS)) this.write(deviceId, now);
  }

  private write(deviceId: number, at: number): void {
    try {
      this.store.devices.setSeen(deviceId, at);
      this.stored.set(deviceId, Math.max(at, this.stored.get(deviceId) ?? -Infinity));
    } catch {
      // Presence is a convenience: a disk that refuses this write must not drop a screen; memory still knows.
    }
  }
}
