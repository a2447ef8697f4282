import type { Database } from 'better-sqlite3';

/**
 * The center's dossier register (issue 18): one row per dossier the center received or returns, with the last
 * status the province told us and when we learnt it, the return (who collected, originals handed back) and the
 * proof a citizen looks it up with — only the last 4 digits of the owner's ID number and phone, never more.
 * Times are epoch ms; `status` is TrangThaiHoSo (1..10), `channel` KenhThucHien (1 in person, 2 online, 3 post).
 *
 * Dossiers received or returned at a counter before this migration enter the register from their tickets, so a
 * citizen who comes back for a result received last week is found: received ones at status 2 with their
 * appointment, returned ones at status 10. Their proof digits come from the consented intake, while kept.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE dossiers (
      code TEXT PRIMARY KEY,
      procedure_id INTEGER REFERENCES procedures(id),
      service_id INTEGER REFERENCES services(id),
      channel INTEGER NOT NULL CHECK (channel IN (1, 2, 3)),
      received_at INTEGER,
      appointment_at INTEGER,
      status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 10),
      status_source TEXT NOT NULL CHECK (status_source IN ('counter', 'push', 'pull')),
      status_learnt_at INTEGER NOT NULL,
      reason TEXT,
      return_place TEXT,
      result_ready_at INTEGER,
      returned_at INTEGER,
      collected_by TEXT CHECK (collected_by IN ('owner', 'authorised')),
      collector_name TEXT,
      collector_id_number TEXT,
      originals_returned INTEGER CHECK (originals_returned >= 0),
      receiving_officer_id INTEGER REFERENCES users(id),
      receiving_ticket_id INTEGER REFERENCES tickets(id),
      return_ticket_id INTEGER REFERENCES tickets(id),
      proof_id TEXT CHECK (proof_id GLOB '[0-9][0-9][0-9][0-9]'),
      proof_phone TEXT CHECK (proof_phone GLOB '[0-9][0-9][0-9][0-9]'),
      updated_at INTEGER NOT NULL
    );
    -- Open dossiers by appointment (due today, tomorrow, overdue; the background refresh).
    CREATE INDEX dossiers_open ON dossiers(appointment_at) WHERE returned_at IS NULL;
    -- Ready but not collected.
    CREATE INDEX dossiers_uncollected ON dossiers(result_ready_at)
      WHERE returned_at IS NULL AND result_ready_at IS NOT NULL;
    -- Reports by range of days.
    CREATE INDEX dossiers_received ON dossiers(received_at);
    CREATE INDEX dossiers_returned ON dossiers(returned_at) WHERE returned_at IS NOT NULL;

    INSERT INTO dossiers (code, procedure_id, service_id, channel, received_at, appointment_at, status,
      status_source, status_learnt_at, receiving_officer_id, receiving_ticket_id, proof_id, proof_phone, updated_at)
    SELECT t.dossier_code, t.dossier_procedure_id, t.service_id, 1, t.finished_at, t.appointment_at, 2,
      'counter', t.finished_at, t.officer_id, t.id,
      nullif(substr(json_extract(t.intake, '$.idNumber'), -4), ''),
      nullif(substr(json_extract(t.intake, '$.phone'), -4), ''),
      t.finished_at
    FROM tickets t
    WHERE t.outcome = 'received' AND t.dossier_code IS NOT NULL AND t.finished_at IS NOT NULL
      AND t.id = (SELECT min(u.id) FROM tickets u WHERE u.dossier_code = t.dossier_code AND u.outcome = 'received');

    -- A return: status 10 from the return's ticket, onto the received row or a row of its own.
    INSERT INTO dossiers (code, procedure_id, service_id, channel, status, status_source, status_learnt_at,
      returned_at, return_ticket_id, updated_at)
    SELECT t.dossier_code, t.dossier_procedure_id, t.service_id, 1, 10, 'counter', t.finished_at, t.finished_at,
      t.id, t.finished_at
    FROM tickets t
    WHERE t.outcome = 'returned' AND t.dossier_code IS NOT NULL AND t.finished_at IS NOT NULL
      AND t.id = (SELECT min(u.id) FROM tickets u WHERE u.dossier_code = t.dossier_code AND u.outcome = 'returned')
    ON CONFLICT(code) DO UPDATE SET status = 10, status_learnt_at = excluded.status_learnt_at,
      returned_at = excluded.returned_at, return_ticket_id = excluded.return_ticket_id,
      updated_at = excluded.updated_at;
  `);
}
