import type { Database } from 'better-sqlite3';

/**
 * Appointments (issue 21). `bookings`: one slot of one service on one day, held by a person known only by an
 * HMAC of the CCCD number (`cccd_hash`, for the limits and the kiosk's card check-in) and its last 3 digits (the
 * masked display); the phone is kept until the booking is over, then erased by retention (both nullable for that).
 * `booking_otps`: the one-time codes sent to confirm a phone (the code hashed; single use; wrong tries are counted in
 * memory, so a wrong code writes nothing).
 * `booking_proofs`: what a verified code gives — a token (stored hashed) good for a while to book with.
 * `tickets.booking_id`: the booked ticket a check-in issued. `service_days.booked_streak`: booked calls in a row,
 * beside the priority streak, for the mix that keeps walk-ins from starving. New tables and columns only.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE bookings (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      service_id INTEGER NOT NULL REFERENCES services(id),
      procedure_id INTEGER REFERENCES procedures(id),
      day TEXT NOT NULL,
      slot_start INTEGER NOT NULL,
      slot_end INTEGER NOT NULL CHECK (slot_end > slot_start),
      status TEXT NOT NULL CHECK (status IN ('booked', 'checked_in', 'cancelled', 'late', 'no_show')),
      cccd_hash TEXT,
      cccd_last TEXT,
      phone TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      checked_in_at INTEGER,
      ticket_id INTEGER REFERENCES tickets(id)
    );
    CREATE INDEX bookings_slot ON bookings(service_id, day, slot_start) WHERE status <> 'cancelled';
    CREATE INDEX bookings_person ON bookings(cccd_hash, day);
    CREATE INDEX bookings_day ON bookings(day);
    CREATE INDEX bookings_pending ON bookings(slot_start) WHERE status = 'booked';
    CREATE TABLE booking_otps (
      id TEXT PRIMARY KEY,
      phone TEXT NOT NULL,
      cccd_hash TEXT NOT NULL,
      cccd_last TEXT NOT NULL,
      code_hash TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      used_at INTEGER
    );
    CREATE INDEX booking_otps_created ON booking_otps(created_at);
    CREATE TABLE booking_proofs (
      token_hash TEXT PRIMARY KEY,
      phone TEXT NOT NULL,
      cccd_hash TEXT NOT NULL,
      cccd_last TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    );
    CREATE INDEX booking_proofs_expiry ON booking_proofs(expires_at);
    ALTER TABLE tickets ADD COLUMN booking_id INTEGER REFERENCES bookings(id);
    CREATE INDEX tickets_booking ON tickets(booking_id) WHERE booking_id IS NOT NULL;
    ALTER TABLE service_days ADD COLUMN booked_streak INTEGER NOT NULL DEFAULT 0;
  `);
}
