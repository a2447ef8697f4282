import type { Database } from 'better-sqlite3';
import { AccountsRepo } from './accounts.js';
import { BookingsRepo } from './bookings.js';
import { CatalogueRepo } from './catalogue.js';
import { CountersRepo } from './counters.js';
import { DevicesRepo } from './devices.js';
import { DossierCodeStore } from './dossier-codes.js';
import { DossierReports } from './dossier-reports.js';
import { DossiersRepo } from './dossiers.js';
import { FeedbackRepo } from './feedback.js';
import { FeedbackReportReads } from './feedback-report.js';
import { FeedbackRetentionRepo } from './feedback-retention.js';
import { HealthProbeRepo } from './health.js';
import { HubFactsRepo } from './hub-facts.js';
import { NoticesRepo } from './notices.js';
import { OutboxRepo } from './outbox.js';
import { ProvinceRepo } from './province.js';
import { PushSubscriptionsRepo } from './push-subscriptions.js';
import { QueueOrderReads } from './queue-order.js';
import { ReportDayStore } from '../reports/days-store.js';
import { ReportReads } from '../reports/reads.js';
import { SettingsRepo } from './settings.js';
import { cacheOf, dropAll, type Cache } from './store-cache.js';
import { TicketsRepo } from './tickets.js';

export type { ServiceRow, ProcedureRow, PriorityGroupRow } from './catalogue.js';
export type { CounterRow } from './counters.js';
export type { TicketRow, ServiceDay, DayFigure, NewTicket } from './tickets.js';
export type { UserRow, SessionRow, HeldSession } from './accounts.js';
export type { DeviceRow } from './devices.js';
export type { DossierRow } from './dossiers.js';
export type { BookingRow, BookingDayRow } from './bookings.js';
export type { FeedbackCaseRow, FeedbackListRow, FeedbackFileRow } from './feedback.js';

/**
 * The SQLite store, one module per aggregate (`store.tickets`, `store.counters`, …), each with its row types and
 * typed statements. Callers compose them inside `transaction()` so that a decision and its effects commit together.
 */
export class Store {
  readonly catalogue: CatalogueRepo;
  readonly counters: CountersRepo;
  readonly tickets: TicketsRepo;
  /** The waiting tickets' order: class heads, a walk-in's place, the booked ones apart. */
  readonly queueOrder: QueueOrderReads;
  readonly accounts: AccountsRepo;
  readonly devices: DevicesRepo;
  /** Rows kept parsed, shared by every Store on this connection (see {@link Cache}). */
  private readonly cache: Cache;
  // Tables of later migrations: prepared on first use.
  private lazySettings: SettingsRepo | undefined;
  private lazyOutbox: OutboxRepo | undefined;
  private lazyReports: ReportReads | undefined;
  private lazyReportDays: ReportDayStore | undefined;
  private lazyDossierCodes: DossierCodeStore | undefined;
  private lazyHealth: HealthProbeRepo | undefined;
  private lazyDossiers: DossiersRepo | undefined;
  private lazyDossierReports: DossierReports | undefined;
  private lazyNotices: NoticesRepo | undefined;
  private lazyPush: PushSubscriptionsRepo | undefined;
  private lazyHub: HubFactsRepo | undefined;
  private lazyProvince: ProvinceRepo | undefined;
  private lazyBookings: BookingsRepo | undefined;
  private lazyFeedback: FeedbackRepo | undefined;
  private lazyFeedbackReport: FeedbackReportReads | undefined;
  private lazyFeedbackRetention: FeedbackRetentionRepo | undefined;

  constructor(readonly db: Database) {
    this.cache = cacheOf(db);
    this.catalogue = new CatalogueRepo(db, this.cache);
    this.counters = new CountersRepo(db, this.cache);
    this.tickets = new TicketsRepo(db);
    this.queueOrder = new QueueOrderReads(db, this.tickets);
    this.accounts = new AccountsRepo(db);
    this.devices = new DevicesRepo(db);
  }

  /** The health check's write probe (migration 0110). */
  get health(): HealthProbeRepo {
    return (this.lazyHealth ??= new HealthProbeRepo(this.db));
  }

  get settings(): SettingsRepo {
    return (this.lazySettings ??= new SettingsRepo(this.db));
  }
  get outbox(): OutboxRepo {
    return (this.lazyOutbox ??= new OutboxRepo(this.db));
  }
  /** Tickets as reports read them (ranges of days, nothing personal). */
  get reports(): ReportReads {
    return (this.lazyReports ??= new ReportReads(this.db));
  }
  /** Closed days aggregated for reports (migration 0100). */
  get reportDays(): ReportDayStore {
    return (this.lazyReportDays ??= new ReportDayStore(this.db));
  }
  /** The dossier register: received, statuses from the province, returned (migration 0120). */
  get dossiers(): DossiersRepo {
    return (this.lazyDossiers ??= new DossiersRepo(this.db));
  }
  /** The register as deadlines read it: the admin's lists, the floor's counts, progress rows. */
  get dossierReports(): DossierReports {
    return (this.lazyDossierReports ??= new DossierReports(this.db));
  }
  /** The notices outbox: Web Push, ZNS, SMS (migration 0130). */
  get notices(): NoticesRepo {
    return (this.lazyNotices ??= new NoticesRepo(this.db));
  }
  /** Browsers' push subscriptions to tickets (migration 0130). */
  get pushSubscriptions(): PushSubscriptionsRepo {
    return (this.lazyPush ??= new PushSubscriptionsRepo(this.db));
  }
  /** The province hub's outbox of facts and its acknowledged seq (migration 0160). */
  get hub(): HubFactsRepo {
    return (this.lazyHub ??= new HubFactsRepo(this.db));
  }
  /** What the province's catalogue manages here (migration 0170). */
  get province(): ProvinceRepo {
    return (this.lazyProvince ??= new ProvinceRepo(this.db));
  }
  /** Appointments: bookings, their one-time codes and proofs (migration 0180). */
  get bookings(): BookingsRepo {
    return (this.lazyBookings ??= new BookingsRepo(this.db));
  }
  /** The feedback register: cases, their history and files (migration 0190). */
  get feedback(): FeedbackRepo {
    return (this.lazyFeedback ??= new FeedbackRepo(this.db));
  }
  /** Ratings as the feedback report reads them beside the register's rows. */
  get feedbackReport(): FeedbackReportReads {
    return (this.lazyFeedbackReport ??= new FeedbackReportReads(this.db));
  }
  /** Feedback's retention: name, phone and files of cases closed long ago erased. */
  get feedbackRetention(): FeedbackRetentionRepo {
    return (this.lazyFeedbackRetention ??= new FeedbackRetentionRepo(this.db));
  }
  /** Running numbers of generated dossier codes (migration 0070). */
  get dossierCodes(): DossierCodeStore {
    return (this.lazyDossierCodes ??= new DossierCodeStore(this.db));
  }

  /** Runs `fn` in one IMMEDIATE transaction; on a rollback drops every kept row (nothing kept was never committed). */
  transaction<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } catch (e) {
      dropAll(this.cache);
      throw e;
    }
  }

  /**
   * Runs `fn` in a savepoint of the current transaction: a failure undoes only its own writes (and drops every kept
   * row, as a rollback does) and is thrown to the caller, whose transaction goes on.
   */
  savepoint<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn)();
    } catch (e) {
      dropAll(this.cache);
      throw e;
    }
  }
}
