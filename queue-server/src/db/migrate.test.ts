import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

describe('migrations', () => {
  it('apply in order up to the newest version and are idempotent', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toBe(MIGRATIONS.at(-1)?.version);
    expect(migrate(db)).toBe(MIGRATIONS.at(-1)?.version);
    const versions = MIGRATIONS.map((m) => m.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
  });

  it('0020-outbox queues dossiers finished before it existed, once each', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, 10);
    expect(schemaVersion(db)).toBe(10);
    db.exec(`
      INSERT INTO services (id, code, name, number_prefix, number_digits, daily_cap, hours) VALUES (1, 'TP', 'Tư pháp', '1', 3, 300, '{}');
      INSERT INTO tickets (service_id, day, seq, number, status, queued_at, issued_at, finished_at, outcome, dossier_code, tracking_code)
      VALUES (1, '2026-11-27', 1, '1001', 'done', 1, 1, 1000, 'received', '000.00.12.H61-261127-0001', 'a1'),
             (1, '2026-11-27', 2, '1002', 'done', 2, 2, 2000, 'guidance', NULL, 'a2'),
             (1, '2026-11-27', 3, '1003', 'done', 3, 3, 3000, 'returned', '000.00.12.H61-261127-0002', 'a3'),
             (1, '2026-11-27', 4, '1004', 'waiting', 4, 4, NULL, NULL, NULL, 'a4');
    `);
    migrate(db);
    const rows = db.prepare('SELECT dossier_code, created_at, delivered_at FROM outbox ORDER BY id').all();
    expect(rows).toEqual([
      { dossier_code: '000.00.12.H61-261127-0001', created_at: 1000, delivered_at: null },
      { dossier_code: '000.00.12.H61-261127-0002', created_at: 3000, delivered_at: null },
    ]);
  });

  it('0030 backfills per service-day the tickets kiosks issued (transfers excluded) and those waiting per class', () => {
    const db = new Database(':memory:');
    migrate(db, 20);
    db.exec(`
      INSERT INTO services (id, code, name, number_prefix, number_digits, daily_cap, hours) VALUES (1, 'TP', 'Tư pháp', '2', 3, 300, '{}');
      INSERT INTO service_days (service_id, day, last_seq) VALUES (1, '2026-11-27', 3), (1, '2026-11-28', 1);
      INSERT INTO tickets (id, service_id, day, seq, number, status, priority, queued_at, issued_at, tracking_code, transferred_from_id)
      VALUES (1, 1, '2026-11-27', 1, '2001', 'done', NULL, 1, 1, 'b1', NULL),
             (2, 1, '2026-11-27', 2, '2002', 'waiting', NULL, 2, 2, 'b2', NULL),
             (3, 1, '2026-11-27', 3, '2003', 'waiting', 'khuyet-tat', 1, 3, 'b3', 1),
             (4, 1, '2026-11-28', 1, '2001', 'waiting', NULL, 4, 4, 'b4', NULL);
    `);
    migrate(db);
    const rows = db
      .prepare(
        'SELECT day, last_seq, issued, waiting_normal, waiting_priority FROM service_days ORDER BY day',
      )
      .all();
    expect(rows).toEqual([
      { day: '2026-11-27', last_seq: 3, issued: 2, waiting_normal: 1, waiting_priority: 1 },
      { day: '2026-11-28', last_seq: 1, issued: 1, waiting_normal: 1, waiting_priority: 0 },
    ]);
  });

  it('0040 keeps every outbox row and its delivery state, and lets one code be delivered twice', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, 30);
    db.exec(`
      INSERT INTO services (id, code, name, number_prefix, number_digits, daily_cap, hours) VALUES (1, 'TP', 'Tư pháp', '2', 3, 300, '{}');
      INSERT INTO tickets (id, service_id, day, seq, number, status, queued_at, issued_at, finished_at, outcome, dossier_code, tracking_code)
      VALUES (1, 1, '2026-11-20', 1, '2001', 'done', 1, 1, 10, 'received', '000.00.12.H61-261120-0001', 'c1'),
             (2, 1, '2026-11-27', 1, '2001', 'done', 2, 2, 20, 'returned', '000.00.12.H61-261120-0001', 'c2');
      INSERT INTO outbox (ticket_id, dossier_code, created_at, next_attempt_at, attempts, delivered_at, last_error)
      VALUES (1, '000.00.12.H61-261120-0001', 10, 10, 2, 99, 'HTTP 503');
    `);
    migrate(db);
    expect(db.prepare('SELECT ticket_id, attempts, delivered_at, last_error FROM outbox').all()).toEqual([
      { ticket_id: 1, attempts: 2, delivered_at: 99, last_error: 'HTTP 503' },
    ]);
    db.prepare(
      "INSERT INTO outbox (ticket_id, dossier_code, created_at, next_attempt_at) VALUES (2, '000.00.12.H61-261120-0001', 20, 20)",
    ).run();
    expect(db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 2 });
  });

  it('0110 adds the health probe: one row, rewritable, a second row refused; nothing else changes', () => {
    const db = new Database(':memory:');
    migrate(db, 100);
    const before = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    migrate(db, 110);
    expect(schemaVersion(db)).toBe(110);
    const after = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(after.filter((t) => !before.includes(t))).toEqual(['health_probe']);
    expect(db.prepare('SELECT id, checked_at FROM health_probe').all()).toEqual([{ id: 1, checked_at: 0 }]);
    expect(db.prepare('UPDATE health_probe SET checked_at = 5 WHERE id = 1').run().changes).toBe(1);
    expect(() => db.prepare('INSERT INTO health_probe (id, checked_at) VALUES (2, 0)').run()).toThrow(
      /CHECK/,
    );
  });

  it('0120 enters dossiers received and returned before it into the register, with only 4 proof digits', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, 110);
    const intake = JSON.stringify({
      consent: true,
      fullName: 'Nguyễn Văn A',
      phone: '0912345678',
      idNumber: '079123456789',
    });
    db.prepare(
      `INSERT INTO services (id, code, name, number_prefix, number_digits, daily_cap, hours)
       VALUES (1, 'TP', 'Tư pháp', '1', 3, 300, '{}')`,
    ).run();
    db.prepare(
      `INSERT INTO tickets (id, service_id, day, seq, number, status, queued_at, issued_at, finished_at, officer_id,
         outcome, dossier_code, appointment_at, tracking_code, intake)
       VALUES (1, 1, '2026-11-20', 1, '1001', 'done', 1, 1, 1000, NULL, 'received', 'A-1', 9000, 'd1', @intake),
              (2, 1, '2026-11-20', 2, '1002', 'done', 2, 2, 2000, NULL, 'received', 'B-1', NULL, 'd2', NULL),
              (3, 1, '2026-11-27', 1, '1001', 'done', 3, 3, 5000, NULL, 'returned', 'A-1', NULL, 'd3', NULL),
              (4, 1, '2026-11-27', 2, '1002', 'done', 4, 4, 6000, NULL, 'returned', 'C-1', NULL, 'd4', NULL),
              (5, 1, '2026-11-27', 3, '1003', 'done', 5, 5, 7000, NULL, 'guidance', NULL, NULL, 'd5', NULL),
              (6, 1, '2026-11-27', 4, '1004', 'waiting', 6, 6, NULL, NULL, NULL, NULL, NULL, 'd6', NULL)`,
    ).run({ intake });
    migrate(db, 120);
    expect(schemaVersion(db)).toBe(120);
    const rows = db
      .prepare(
        `SELECT code, channel, received_at, appointment_at, status, status_source, status_learnt_at, returned_at,
           receiving_ticket_id, return_ticket_id, proof_id, proof_phone FROM dossiers ORDER BY code`,
      )
      .all();
    expect(rows).toEqual([
      {
        code: 'A-1',
        channel: 1,
        received_at: 1000,
        appointment_at: 9000,
        status: 10,
        status_source: 'counter',
        status_learnt_at: 5000,
        returned_at: 5000,
        receiving_ticket_id: 1,
        return_ticket_id: 3,
        proof_id: '6789',
        proof_phone: '5678',
      },
      {
        code: 'B-1',
        channel: 1,
        received_at: 2000,
        appointment_at: null,
        status: 2,
        status_source: 'counter',
        status_learnt_at: 2000,
        returned_at: null,
        receiving_ticket_id: 2,
        return_ticket_id: null,
        proof_id: null,
        proof_phone: null,
      },
      {
        code: 'C-1',
        channel: 1,
        received_at: null,
        appointment_at: null,
        status: 10,
        status_source: 'counter',
        status_learnt_at: 6000,
        returned_at: 6000,
        receiving_ticket_id: null,
        return_ticket_id: 4,
        proof_id: null,
        proof_phone: null,
      },
    ]);
    // The register refuses what it must never hold: more than 4 digits of proof, a status out of the national range.
    const insert = (proof: string, status: number) => () =>
      db
        .prepare(
          `INSERT INTO dossiers (code, channel, status, status_source, status_learnt_at, proof_id, updated_at)
           VALUES ('X-' || ?, 1, ?, 'pull', 0, ?, 0)`,
        )
        .run(proof, status, proof);
    expect(insert('012345678901', 2)).toThrow(/CHECK/);
    expect(insert('1234', 11)).toThrow(/CHECK/);
    expect(insert('1234', 2)).not.toThrow();
  });

  it('0150 counts cancelled tickets in stored report days: days holding one are aggregated again, others kept', () => {
    const db = new Database(':memory:');
    migrate(db, 130);
    db.exec(`
      INSERT INTO services (id, code, name, number_prefix, number_digits, daily_cap, hours) VALUES (1, 'TP', 'Tư pháp', '1', 3, 300, '{}');
      INSERT INTO tickets (service_id, day, seq, number, status, queued_at, issued_at, finished_at, tracking_code)
      VALUES (1, '2026-12-01', 1, '1001', 'cancelled', 1, 1, 2, 'c1'),
             (1, '2026-12-02', 1, '1001', 'no-show', 3, 3, 4, 'c2');
      INSERT INTO report_closed_days (day, tickets, arrivals, aggregated_at)
      VALUES ('2026-12-01', 1, '[]', 5), ('2026-12-02', 1, '[]', 5);
      INSERT INTO report_days (day, service_id, counter_id, officer_id, issued, served, no_show, transferred,
        left_waiting, wait_ms, service_ms, very_satisfied, satisfied, unsatisfied, unrated, waits, services)
      VALUES ('2026-12-01', 1, NULL, NULL, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, x'', x''),
             ('2026-12-02', 1, NULL, NULL, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, x'', x'');
    `);
    migrate(db, 150);
    expect(db.prepare('SELECT day FROM report_closed_days').pluck().all()).toEqual(['2026-12-02']);
    expect(db.prepare('SELECT day, issued, no_show, cancelled FROM report_days').all()).toEqual([
      { day: '2026-12-02', issued: 1, no_show: 1, cancelled: 0 },
    ]);
  });

  it('0160 adds the hub outbox: tickets kept, no fact made up for them, seqs never reused after a delete', () => {
    const db = new Database(':memory:');
    migrate(db, 150);
    db.exec(`
      INSERT INTO services (id, code, name, number_prefix, number_digits, daily_cap, hours) VALUES (1, 'TP', 'Tư pháp', '1', 3, 300, '{}');
      INSERT INTO tickets (service_id, day, seq, number, status, queued_at, issued_at, tracking_code)
      VALUES (1, '2026-12-07', 1, '1001', 'waiting', 1, 1, 'h1');
    `);
    migrate(db, 160);
    expect(db.prepare('SELECT count(*) FROM tickets').pluck().get()).toBe(1);
    // A site joined later sends what happens from then on, never its history as if it were new.
    expect(db.prepare('SELECT count(*) FROM hub_facts').pluck().get()).toBe(0);
    expect(db.prepare('SELECT acknowledged_seq FROM hub_link').pluck().all()).toEqual([0]);
    const insert = db.prepare("INSERT INTO hub_facts (at, kind, fact) VALUES (1, 'issued', '{}')");
    insert.run();
    insert.run();
    db.exec('DELETE FROM hub_facts');
    expect(Number(insert.run().lastInsertRowid)).toBe(3);
    expect(() => db.exec('INSERT INTO hub_link (id) VALUES (2)')).toThrow(/CHECK/);
  });

  it('0180 adds bookings: tickets and streaks kept, one status of five, a ticket linked to its booking', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, 170);
    db.exec(`
      INSERT INTO services (id, code, name, number_prefix, number_digits, daily_cap, hours) VALUES (1, 'TP', 'Tư pháp', '1', 3, 300, '{}');
      INSERT INTO service_days (service_id, day, last_seq, priority_streak) VALUES (1, '2026-12-07', 1, 2);
      INSERT INTO tickets (id, service_id, day, seq, number, status, queued_at, issued_at, tracking_code)
      VALUES (1, 1, '2026-12-07', 1, '1001', 'waiting', 1, 1, 'k1');
    `);
    migrate(db, 180);
    expect(schemaVersion(db)).toBe(180);
    expect(db.prepare('SELECT id, booking_id FROM tickets').all()).toEqual([{ id: 1, booking_id: null }]);
    expect(db.prepare('SELECT priority_streak, booked_streak FROM service_days').all()).toEqual([
      { priority_streak: 2, booked_streak: 0 },
    ]);
    const insert = db.prepare(
      `INSERT INTO bookings (code, service_id, day, slot_start, slot_end, status, cccd_hash, cccd_last, phone,
         created_at, updated_at) VALUES (?, 1, '2026-12-08', 100, 200, ?, 'h', '789', '0912345678', 1, 1)`,
    );
    const id = Number(insert.run('K7PQ3M2D', 'booked').lastInsertRowid);
    expect(() => insert.run('K7PQ3M2D', 'booked')).toThrow(/UNIQUE/);
    expect(() => insert.run('A7PQ3M2D', 'lost')).toThrow(/CHECK/);
    db.prepare('UPDATE tickets SET booking_id = ? WHERE id = 1').run(id);
    expect(() => db.prepare('UPDATE tickets SET booking_id = 99 WHERE id = 1').run()).toThrow(/FOREIGN KEY/);
  });

  it('0190 rebuilds users to accept reception, keeping every user and every reference to one', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, 180);
    db.exec(`
      INSERT INTO services (id, code, name, number_prefix, number_digits, daily_cap, hours) VALUES (1, 'TP', 'Tư pháp', '1', 3, 300, '{}');
      INSERT INTO users (id, username, display_name, role, password_hash, counter_id, active)
      VALUES (1, 'admin', 'Quản trị', 'admin', 'h1', NULL, 1), (2, 'cb1', 'Cán bộ Một', 'officer', 'h2', 1, 0);
      INSERT INTO counters (id, number, name, officer_id) VALUES (1, 1, 'Quầy 1', 2);
      INSERT INTO sessions (token_hash, user_id, counter_id, created_at, expires_at) VALUES ('s1', 2, 1, 1, 2);
      INSERT INTO tickets (id, service_id, day, seq, number, status, queued_at, issued_at, counter_id, officer_id, tracking_code)
      VALUES (1, 1, '2026-12-07', 1, '1001', 'done', 1, 1, 1, 2, 'f1');
      INSERT INTO audit_log (at, user_id, action) VALUES (1, 1, 'login');
    `);
    expect(migrate(db, 190)).toBe(190);
    expect(db.prepare('SELECT id, username, role, counter_id, active FROM users ORDER BY id').all()).toEqual([
      { id: 1, username: 'admin', role: 'admin', counter_id: null, active: 1 },
      { id: 2, username: 'cb1', role: 'officer', counter_id: 1, active: 0 },
    ]);
    expect(db.prepare('SELECT officer_id FROM counters').get()).toEqual({ officer_id: 2 });
    expect(db.prepare('SELECT user_id FROM sessions').get()).toEqual({ user_id: 2 });
    expect(db.prepare('SELECT officer_id FROM tickets').get()).toEqual({ officer_id: 2 });
    expect(db.prepare('SELECT user_id FROM audit_log').get()).toEqual({ user_id: 1 });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // References still point at the rebuilt table, and the new role is accepted.
    db.prepare(
      "INSERT INTO users (id, username, display_name, role, password_hash) VALUES (3, 'tn', 'Tiếp nhận', 'reception', 'h3')",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO users (username, display_name, role, password_hash) VALUES ('x', 'X', 'guest', 'h')",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE counters SET officer_id = 99').run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare('DELETE FROM users WHERE id = 2').run()).toThrow(/FOREIGN KEY/);
    const insertCase = db.prepare(
      `INSERT INTO feedback_cases (code, channel, received_at, received_day, topic, text, status, officer_id,
         ticket_id, forward_due_day, answer_due_day) VALUES (?, 'kiosk', 1, '2026-12-07', 'delay', 'Chậm', ?, ?, 1,
         '2026-12-14', '2026-12-21')`,
    );
    const id = Number(insertCase.run('K7PQ3M2D', 'new', 2).lastInsertRowid);
    expect(() => insertCase.run('K7PQ3M2D', 'new', 2)).toThrow(/UNIQUE/);
    expect(() => insertCase.run('A7PQ3M2D', 'lost', 2)).toThrow(/CHECK/);
    expect(() => insertCase.run('B7PQ3M2D', 'new', 99)).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO feedback_files (case_id, name, type, bytes, created_at) VALUES (?, 'a', 'application/pdf', 1, 1)",
        )
        .run(id),
    ).toThrow(/CHECK/);
  });

  it('rolls a failing migration back whole and keeps the version', () => {
    const db = new Database(':memory:');
    migrate(db, 10);
    const broken = [
      ...MIGRATIONS,
      {
        version: 999,
        name: 'broken',
        up: (d: Database.Database) => {
          d.exec('CREATE TABLE half_done (x INTEGER)');
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, Infinity, broken)).toThrow('boom');
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)?.version);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({
      n: 0,
    });
  });
});
