import type { Database } from 'better-sqlite3';
import type { Device, DeviceKind } from '@layso/protocol';

export interface DeviceRow extends Omit<Device, 'createdAt' | 'revokedAt'> {
  createdAt: number;
  revokedAt: number | null;
}

interface DeviceRecord {
  id: number;
  kind: DeviceKind;
  name: string;
  counter_id: number | null;
  created_at: number;
  revoked_at: number | null;
}

function toDevice(r: DeviceRecord): DeviceRow {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    counterId: r.counter_id,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  };
}

/** The devices' statements, typed by their parameters and rows. */
function prepare(db: Database) {
  return {
    all: db.prepare<[], DeviceRecord>('SELECT * FROM devices ORDER BY id'),
    byId: db.prepare<[number], DeviceRecord>('SELECT * FROM devices WHERE id = ?'),
    byHash: db.prepare<[string], DeviceRecord>(
      'SELECT * FROM devices WHERE token_hash = ? AND revoked_at IS NULL',
    ),
    insert: db.prepare<[DeviceKind, string, number | null, string, number]>(
      'INSERT INTO devices (kind, name, counter_id, token_hash, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    revoke: db.prepare<[number, number]>(
      'UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
    ),
    seen: db.prepare<[], { id: number; last_seen_at: number }>(
      'SELECT id, last_seen_at FROM devices WHERE last_seen_at IS NOT NULL',
    ),
    setSeen: db.prepare<[number, number, number]>(
      'UPDATE devices SET last_seen_at = ? WHERE id = ? AND (last_seen_at IS NULL OR last_seen_at < ?)',
    ),
  };
}

/** Paired devices (kiosks, displays, counter-top screens): their tokens and when each was last seen. */
export class DevicesRepo {
  private readonly st: ReturnType<typeof prepare>;

  constructor(db: Database) {
    this.st = prepare(db);
  }

  all(): DeviceRow[] {
    return this.st.all.all().map(toDevice);
  }
  byId(id: number): DeviceRow | null {
    const r = this.st.byId.get(id);
    return r ? toDevice(r) : null;
  }
  byTokenHash(hash: string): DeviceRow | null {
    const r = this.st.byHash.get(hash);
    return r ? toDevice(r) : null;
  }
  add(kind: DeviceKind, name: string, counterId: number | null, tokenHash: string, at: number): number {
    return Number(this.st.insert.run(kind, name, counterId, tokenHash, at).lastInsertRowid);
  }
  revoke(id: number, at: number): boolean {
    return this.st.revoke.run(at, id).changes > 0;
  }
  /** When each device was last seen, as stored (ms since the epoch); devices never seen are absent. */
  seen(): Map<number, number> {
    return new Map(this.st.seen.all().map((r) => [r.id, r.last_seen_at]));
  }
  /** Moves a device's last-seen time forward (never back). */
  setSeen(id: number, at: number): void {
    this.st.setSeen.run(at, id, at);
  }
}
