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
import { isOverdue, type Dossier } from '../domain/dossiers.js';
import { addDays, serviceDay, toIso, vnInstant } from '../domain/time.js';
import type { Clock } from '../domain/types.js';
import { MON_TO_FRI, nextWorkingDay, type WorkingCalendar } from '../domain/working-days.js';

const iso = (d: Date | null): string | null => (d ? toIso(d) : null);

/** Names the register's ids stand for, looked up once per answer. */
export interface RecordNames {
  service(id: number): string | null;
  procedure(id: number): string | null;
  officer(id: number): string | null;
}

/** The store's names, kept for one answer (a list of 2,000 dossiers asks for the same few again and again). */
export function storeNames(store: Store): RecordNames {
  const services = new Map(store.catalogue.services().map((s) => [s.id, s.name]));
  const officers = new Map(store.accounts.users().map((u) => [u.id, u.displayName]));
  const procedures = new Map<number, string | null>();
  return {
    service: (id) => services.get(id) ?? null,
    officer: (id) => officers.get(id) ?? null,
    procedure: (id) => {
      if (!procedures.has(id)) procedures.set(id, store.catalogue.procedure(id)?.name ?? null);
      return procedures.get(id) ?? null;
    },
  };
}

/** A register row as staff read it (`DossierRecord`): names for ids, Vietnam times, nothing of the proof digits. */
export function dossierRecord(d: Dossier, names: RecordNames, now: Date): DossierRecord {
  return {
    code: d.code,
    procedureId: d.procedureId,
    procedureName: d.procedureId === null ? null : names.procedure(d.procedureId),
    serviceId: d.serviceId,
    serviceName: d.serviceId === null ? null : names.service(d.serviceId),
    channel: d.channel,
    receivedAt: iso(d.receivedAt),
    appointmentAt: iso(d.appointmentAt),
    status: d.status,
    statusSource: d.statusSource,
    statusLearntAt: toIso(d.statusLearntAt),
    reason: d.reason,
    returnPlace: d.returnPlace,
    resultReadyAt: iso(d.resultReadyAt),
    returnedAt: iso(d.returnedAt),
    collectedBy: d.collectedBy,
    collectorName: d.collectorName,
    originalsReturned: d.originalsReturned,
    receivingOfficer: d.receivingOfficerId === null ? null : names.officer(d.receivingOfficerId),
    receivingTicketId: d.receivingTicketId,
    returnTicketId: d.returnTicketId,
    overdue: isOverdue(d, now),
    provable: d.proofId !== null || d.proofPhone !== null,
  };
}

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
 * counts. Reads only, on the injected clock; working days Mon–Fri until holidays are data the admin edits.
 */
export class DossierDeadlines {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** The center's setting, read at each use (the admin may change it). */
    private readonly uncollectedAlertDays: () => number,
    private readonly calendar: WorkingCalendar = MON_TO_FRI,
  ) {}

  private bounds(now: Date): ViewBounds {
    const today = serviceDay(now);
    return {
      now: now.getTime(),
      todayStart: vnInstant(today).getTime(),
      tomorrowStart: vnInstant(addDays(today, 1)).getTime(),
      afterNextWorkingDay: vnInstant(addDays(nextWorkingDay(today, this.calendar), 1)).getTime(),
      readyBefore: uncollectedCutoff(now, this.uncollectedAlertDays(), this.calendar).getTime(),
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
    const names = storeNames(this.store);
    return {
      view: q.view,
      at: toIso(now),
      uncollectedAlertDays: this.uncollectedAlertDays(),
      total,
      dossiers: dossiers.map((d) => dossierRecord(d, names, now)),
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
    const names = storeNames(this.store);
    const lines = (map: Map<number, DossierProgress>, name: (id: number) => string | null) =>
      [...map]
        .map(([id, p]): DossierProgressLine => ({ id, name: name(id) ?? `#${id}`, ...finishProgress(p) }))
        .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    return {
      from,
      to,
      totals: finishProgress(totals),
      byService: lines(byService, names.service),
      byOfficer: lines(byOfficer, names.officer),
    };
  }

  /** What the floor monitor raises now. */
  alerts(): DossierAlerts {
    const now = this.clock.now();
    const b = this.bounds(now);
    return { ...this.store.dossierReports.floor(b.now, b.readyBefore), days: this.uncollectedAlertDays() };
  }
}
