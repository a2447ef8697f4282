import type { z } from 'zod';
import type { CatalogueImportBody, CatalogueImportReport, ProcedureHit } from '@layso/protocol';
import type { BookingIdentity } from './app/booking-otp.js';
import type { BookingService } from './app/bookings.js';
import type { DeviceRate } from './app/device-rate.js';
import type { DossierDeadlines } from './app/dossier-deadlines.js';
import type { DossierService } from './app/dossiers.js';
import type { FeedbackFileStore } from './app/feedback-file-store.js';
import type { FeedbackService } from './app/feedback.js';
import type { EventCounters, Publisher } from './app/events.js';
import type { FloorView } from './app/floor.js';
import type { StorageHealth } from './app/health.js';
import type { PhoneActionLimit } from './app/phone-limit.js';
import type { QueueService } from './app/queue.js';
import type { CenterSettingsStore } from './app/settings.js';
import type { AuthService } from './auth/service.js';
import type { AuditLog } from './db/audit.js';
import type { Backups } from './db/backup.js';
import type { OutboxRepo } from './db/outbox.js';
import type { ProcedureRow, Store } from './db/store.js';
import type { ReceiptPrinter } from './printing/receipt-printer.js';
import type { TicketPrinter } from './printing/ticket-printer.js';
import type { Notices } from './notify/service.js';
import type { CataloguePull } from './hub/catalogue-pull.js';
import type { HubLink } from './hub/link.js';
import type { DevicePresence } from './realtime/presence.js';
import type { ProvincialSync } from './sync/provincial.js';
import type { ProvincialStatusAdapter } from './sync/status.js';
import type { Clock } from './domain/types.js';
import type { Config } from './config.js';

/** What the HTTP routes and the realtime gateway share. */
export interface Context {
  version: string;
  clock: Clock;
  store: Store;
  queue: QueueService;
  auth: AuthService;
  publisher: Publisher;
  catalogue: {
    search(q: string, serviceId: number | null | undefined, limit: number): ProcedureHit[];
    /** Parses in a worker thread (seconds for a national catalogue), writes on this one. */
    import(body: z.infer<typeof CatalogueImportBody>): Promise<CatalogueImportReport>;
    reload(): void;
    setService(id: number, serviceId: number | null): { before: ProcedureRow; after: ProcedureRow };
    /** Ends the imports being parsed (the server is closing). */
    close(): Promise<void>;
  };
  backup: Backups;
  outbox: OutboxRepo;
  /** The provincial delivery worker (disabled without PROVINCIAL_URL). */
  sync: ProvincialSync;
  audit: AuditLog;
  /** What the queue published since start, for `/metrics`. */
  counters: EventCounters;
  printer: TicketPrinter;
  /** Which devices are connected, when each was last seen, and each kiosk's own printer state. */
  presence: DevicePresence;
  /** Whether the database takes a write and DATA_DIR has room (`/api/health`, the floor, `/metrics`). */
  storage: StorageHealth;
  /** The live floor for the supervisors' monitor (`floor` on `/admin`). */
  floor: FloorView;
  /** Each kiosk's issuing pace (KIOSK_ISSUE_RATE), in memory; the floor shows a kiosk that goes beyond it. */
  kioskRate: DeviceRate;
  /** The phone page's actions per ticket and per source address (PHONE_ACTIONS_PER_*), in memory. */
  phoneLimit: PhoneActionLimit;
  /** The counters' printer of Mẫu 01 receipt slips. */
  receiptPrinter: ReceiptPrinter;
  config: Config;
  /**
   * The center's settings as they hold now (env defaults overlaid by the admin's saved values): read them at use
   * time — never copy a value at start — so a change takes effect at once.
   */
  settings: CenterSettingsStore;
  /** The dossier register's citizen lookup and staff view (issue 18). */
  dossiers: DossierService;
  /** Where dossier statuses come from (NO_PROVINCE without a provincial system); read at use time. */
  provincialStatus: ProvincialStatusAdapter;
  /** The center's dossier deadlines: the admin's lists, Decision 766's progress, the floor's counts (issue 18). */
  deadlines: DossierDeadlines;
  /** Notices to citizens (issue 19): planner, dispatcher, Web Push subscriptions, deliveries. */
  notices: Notices;
  /** The province hub (issue 20): joined or not, the sender's health, faults turned into facts. */
  hub: HubLink;
  /** The province's catalogue pulled from the hub (issue 20, Deliver 3): what it manages here, and the pull's state. */
  provinceCatalogue: CataloguePull;
  /** Appointments (issue 21): the booking page's services, days, slots, bookings; the admin's day. */
  bookings: BookingService;
  /** The booking phone's proof (one-time codes), the CCCD number's HMAC and the booking page's rate limits. */
  bookingIdentity: BookingIdentity;
  /** Feedback and complaints (issue 22): the citizen's form and status page, the register (`feedback.register`). */
  feedback: FeedbackService;
  /** The pictures attached to cases, kept privately under DATA_DIR/feedback-files/. */
  feedbackFiles: FeedbackFileStore;
}
