import type { Database, Statement } from 'better-sqlite3';
import type { DossierView } from '@layso/protocol';
import type { Dossier } from '../domain/dossiers.js';
import { VN_OFFSET_MINUTES } from '../domain/time.js';
import { DOSSIER_COLUMNS, dossierFromRow, NOT_CLOSED, type DossierSqlRow } from './dossiers.js';

/** The instants a view is cut at (ms), worked out by the caller from the clock and the working days. */
export interface ViewBounds {
  now: number;
  /** Start of today and of the next two Vietnam days that matter: tomorrow, and the day after the next working day. */
  todayStart: number;
  tomorrowStart: number;
  afterNextWorkingDay: number;
  /** A result ready before this has waited the alert's working days. */
  readyBefore: number;
}

export interface ListFilter {
  serviceId: number | null;
  officerId: number | null;
  limit: number;
}

const OPEN = `returned_at IS NULL AND ${NOT_CLOSED}`;
/** Overdue by the Vietnam day, as "late" is: a dossier due today is not overdue before tomorrow. */
const OVERDUE = `${OPEN} AND result_ready_at IS NULL AND appointment_at < @todayStart`;
const UNCOLLECTED = `${OPEN} AND result_ready_at < @readyBefore`;
const VN_DAY = (col: string) => `((${col} + ${VN_OFFSET_MINUTES * 60_000}) / 86400000)`;
const RESOLVED = 'coalesce(result_ready_at, returned_at)';
/** Resolved on a Vietnam day after the appointment's (integer division: whole days). */
const LATE = `${RESOLVED} IS NOT NULL AND appointment_at IS NOT NULL
  AND ${NOT_CLOSED}
  AND ${VN_DAY(RESOLVED)} > ${VN_DAY('appointment_at')}`;

/** Each list: which dossiers, in which order (the most urgent first). */
const VIEWS: Record<DossierView, { where: string; order: string }> = {
  'due-today': {
    where: `${OPEN} AND appointment_at >= @todayStart AND appointment_at < @tomorrowStart`,
    order: 'appointment_at, code',
  },
  'due-tomorrow': {
    where: `${OPEN} AND appointment_at >= @tomorrowStart AND appointment_at < @afterNextWorkingDay`,
    order: 'appointment_at, code',
  },
  overdue: { where: OVERDUE, order: 'appointment_at, code' },
  uncollected: { where: UNCOLLECTED, order: 'result_ready_at, code' },
  'returned-late': { where: LATE, order: `${RESOLVED} DESC, code` },
  all: { where: '1 = 1', order: 'coalesce(received_at, status_learnt_at) DESC, code' },
};

const FILTER =
  '(@serviceId IS NULL OR service_id = @serviceId) AND (@officerId IS NULL OR receiving_officer_id = @officerId)';

type Params = ViewBounds & Omit<ListFilter, 'limit'>;

/**
 * The dossier register as the center's deadlines read it (issue 18): the admin's lists, the floor monitor's
 * counts and the rows of a progress report. Reads only; the register's writes are `DossiersRepo`'s.
 */
export class DossierReports {
  private readonly lists: Record<
    DossierView,
    {
      rows: Statement<[Params & { limit: number }], DossierSqlRow>;
      count: Statement<[Params], { n: number }>;
    }
  >;
  private readonly floorCounts: Statement<
    [{ todayStart: number; readyBefore: number }],
    { overdue: number; oldestDue: number | null; uncollected: number; oldestReady: number | null }
  >;
  private readonly range: Statement<[{ start: number; end: number }], DossierSqlRow>;

  constructor(db: Database) {
    const prepare = (view: DossierView) => {
      const v = VIEWS[view];
      return {
        rows: db.prepare<[Params & { limit: number }], DossierSqlRow>(
          `SELECT ${DOSSIER_COLUMNS} FROM dossiers WHERE ${v.where} AND ${FILTER} ORDER BY ${v.order} LIMIT @limit`,
        ),
        count: db.prepare<[Params], { n: number }>(
          `SELECT count(*) AS n FROM dossiers WHERE ${v.where} AND ${FILTER}`,
        ),
      };
    };
    this.lists = {
      'due-today': prepare('due-today'),
      'due-tomorrow': prepare('due-tomorrow'),
      overdue: prepare('overdue'),
      uncollected: prepare('uncollected'),
      'returned-late': prepare('returned-late'),
      all: prepare('all'),
    };
    this.floorCounts = db.prepare(`SELECT
        (SELECT count(*) FROM dossiers WHERE ${OVERDUE}) AS overdue,
        (SELECT min(appointment_at) FROM dossiers WHERE ${OVERDUE}) AS oldestDue,
        (SELECT count(*) FROM dossiers WHERE ${UNCOLLECTED}) AS uncollected,
        (SELECT min(result_ready_at) FROM dossiers WHERE ${UNCOLLECTED}) AS oldestReady`);
    this.range = db.prepare(`SELECT ${DOSSIER_COLUMNS} FROM dossiers
      WHERE (received_at >= @start AND received_at < @end) OR (${RESOLVED} >= @start AND ${RESOLVED} < @end)`);
  }

  /** One list, at most `limit` rows, and how many match in all. */
  list(view: DossierView, bounds: ViewBounds, f: ListFilter): { total: number; dossiers: Dossier[] } {
    const st = this.lists[view];
    const params: Params = { ...bounds, serviceId: f.serviceId, officerId: f.officerId };
    return {
      total: st.count.get(params)?.n ?? 0,
      dossiers: st.rows.all({ ...params, limit: f.limit }).map(dossierFromRow),
    };
  }

  /** What the floor monitor raises: overdue dossiers, and results waiting longer than the alert's days. */
  floor(
    todayStart: number,
    readyBefore: number,
  ): {
    overdue: number;
    oldestDueAt: Date | null;
    uncollected: number;
    oldestReadyAt: Date | null;
  } {
    const r = this.floorCounts.get({ todayStart, readyBefore });
    const at = (v: number | null | undefined) => (typeof v === 'number' ? new Date(v) : null);
    return {
      overdue: r?.overdue ?? 0,
      oldestDueAt: at(r?.oldestDue),
      uncollected: r?.uncollected ?? 0,
      oldestReadyAt: at(r?.oldestReady),
    };
  }

  /** Dossiers received or resolved in `[start, end)` (ms), streamed: a progress report's rows. */
  *receivedOrResolved(start: number, end: number): Generator<Dossier> {
    for (const r of this.range.iterate({ start, end })) yield dossierFromRow(r);
  }
}
