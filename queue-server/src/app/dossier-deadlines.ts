import {
  DOSSIER_LIST_MAX,
  type DossierList,
  type DossierProgress,
  type DossierProgressLine,
  type DossierProgressReply,
  type DossierRecord,
  type DossierView,
} from '@layso/protocol';
import type { ViewBounds } from '../db/dossier-reports.js';
import type { Store } from '../db/store.js';
import {
  addToProgress,
  emptyProgress,
  finishProgress,
  uncollectedCutoff,
} from '../domain/dossier-deadlines.js';
import type { Dossier } from '../domain/dossiers.js';
import { addDays, serviceDay, toIso, vnInstant } from '../domain/time.js';
import type { Clock } from '../domain/types.js';
import { MON_TO_FRI, nextWorkingDay, type WorkingCalendar } from '../domain/working-days.js';

/** How long the floor's dossier counts are reused. */
export const ALERTS_KEEP_MS = 60_000;

export interface DossierAlerts {
  overdue: number;
  oldestDueAt: Date | null;
  uncollected: number;
  oldestReadyAt: Date | null;
  /** The working days after which a result counts as uncollected. */
  days: number;
}

/**
 * Deadlines for the center (issue 18): the admin's lists of the register (due today, due the next working day,
 * overdue, ready but uncollected, resolved late, all), Decision 766's progress figures, and the floor monitor's
 * counts. Reads only, on the injected clock; working days are the center's (its holidays and make-up days).
 */
export class DossierDeadlines {
  private kept: { at: number; days: number; cal: WorkingCalendar; alerts: DossierAlerts } | null = null;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** The center's setting, read at each use (the admin may change it). */
    private readonly uncollectedAlertDays: () => number,
    /** A register row in the staff's words (`DossierService.recordOf`). */
    private readonly record: (d: Dossier) => DossierRecord,
    /** The center's working days as they hold now (the admin may change them). */
    private readonly calendar: () => WorkingCalendar = () => MON_TO_FRI,
  ) {}

  private bounds(now: Date): ViewBounds {
    const today = serviceDay(now);
    return {
      now: now.getTime(),
      todayStart: vnInstant(today).getTime(),
      tomorrowStart: vnInstant(addDays(today, 1)).getTime(),
      afterNextWorkingDay: vnInstant(addDays(nextWorkingDay(today, this.calendar()), 1)).getTime(),
      readyBefore: uncollectedCutoff(now, this.uncollectedAlertDays(), this.calendar()).getTime(),
    };
  }

  list(q: {
    view: DossierView;
    serviceId?: number | undefined;
    officerId?: number | undefined;
  }): DossierList {
    const now = this.clock.now();
    const { total, dossiers } = this.store.dossierReports.list(q.view, this.bounds(now), {
      serviceId: q.serviceId ?? null,
      officerId: q.officerId ?? null,
      limit: DOSSIER_LIST_MAX,
    });
    return {
      view: q.view,
      at: toIso(now),
      uncollectedAlertDays: this.uncollectedAlertDays(),
      total,
      dossiers: dossiers.map(this.record),
    };
  }

  /** The figures of `from..to` (Vietnam days), in all, by receiving service and by receiving officer. */
  progress(from: string, to: string): DossierProgressReply {
    const now = this.clock.now();
    const totals = emptyProgress();
    const byService = new Map<number, DossierProgress>();
    const byOfficer = new Map<number, DossierProgress>();
    const start = vnInstant(from).getTime();
    const end = vnInstant(addDays(to, 1)).getTime();
    const add = (map: Map<number, DossierProgress>, id: number | null, d: Dossier) => {
      if (id === null) return;
      let p = map.get(id);
      if (!p) map.set(id, (p = emptyProgress()));
      addToProgress(p, d, from, to, now);
    };
    for (const d of this.store.dossierReports.receivedOrResolved(start, end)) {
      addToProgress(totals, d, from, to, now);
      add(byService, d.serviceId, d);
      add(byOfficer, d.receivingOfficerId, d);
    }
    const services = new Map(this.store.catalogue.services().map((s) => [s.id, s.name]));
    const officers = new Map(this.store.accounts.users().map((u) => [u.id, u.displayName]));
    const lines = (map: Map<number, DossierProgress>, names: Map<number, string>) =>
      [...map]
        .map(([id, p]): DossierProgressLine => ({
          id,
          name: names.get(id) ?? `#${id}`,
          ...finishProgress(p),
        }))
        .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    return {
      from,
      to,
      totals: finishProgress(totals),
      byService: lines(byService, services),
      byOfficer: lines(byOfficer, officers),
    };
  }

  /**
   * What the floor monitor raises now. The floor is recomputed after every burst of queue events, and these counts
   * move only with the hours and the province's news: kept for {@link ALERTS_KEEP_MS} (a register of 100,000
   * dossiers with tens of thousands overdue costs ~80 ms a count).
   */
  alerts(): DossierAlerts {
    const now = this.clock.now();
    const days = this.uncollectedAlertDays();
    // A saved calendar is a new object: counts kept under the old holidays are not reused.
    const cal = this.calendar();
    const kept = this.kept;
    if (kept && kept.days === days && kept.cal === cal && Math.abs(now.getTime() - kept.at) < ALERTS_KEEP_MS)
      return kept.alerts;
    const b = this.bounds(now);
    const alerts = { ...this.store.dossierReports.floor(b.todayStart, b.readyBefore), days };
    this.kept = { at: now.getTime(), days, cal, alerts };
    return alerts;
  }
}
