import type { Database } from 'better-sqlite3';
import { up as core } from './0010-core.js';
import { up as outbox } from './0020-outbox.js';
import { up as queueReads } from './0030-queue-reads.js';
import { up as outboxPerTicket } from './0040-outbox-per-ticket.js';
import { up as counterScreens } from './0050-counter-screens.js';
import { up as outboxDelivery } from './0060-outbox-delivery.js';
import { up as dossierCodes } from './0070-dossier-codes.js';
import { up as centerSettings } from './0080-settings.js';
import { up as devicePresence } from './0090-device-presence.js';
import { up as reportDays } from './0100-report-days.js';
import { up as healthProbe } from './0110-health-probe.js';
import { up as dossierRegister } from './0120-dossier-register.js';
import { up as notices } from './0130-notices.js';
import { up as reportCancelled } from './0150-report-cancelled.js';
import { up as hubFacts } from './0160-hub-facts.js';
import { up as provinceCatalogue } from './0170-province-catalogue.js';
import { up as bookings } from './0180-bookings.js';
import { up as feedback } from './0190-feedback.js';

export interface Migration {
  /** The `user_version` after this migration. */
  version: number;
  name: string;
  up(db: Database): void;
}

/** Forward-only, in order; never edit one that has shipped — add the next. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: '0010-core', up: core },
  { version: 20, name: '0020-outbox', up: outbox },
  { version: 30, name: '0030-queue-reads', up: queueReads },
  { version: 40, name: '0040-outbox-per-ticket', up: outboxPerTicket },
  { version: 50, name: '0050-counter-screens', up: counterScreens },
  { version: 60, name: '0060-outbox-delivery', up: outboxDelivery },
  { version: 70, name: '0070-dossier-codes', up: dossierCodes },
  { version: 80, name: '0080-settings', up: centerSettings },
  { version: 90, name: '0090-device-presence', up: devicePresence },
  { version: 100, name: '0100-report-days', up: reportDays },
  { version: 110, name: '0110-health-probe', up: healthProbe },
  { version: 120, name: '0120-dossier-register', up: dossierRegister },
  { version: 130, name: '0130-notices', up: notices },
  { version: 150, name: '0150-report-cancelled', up: reportCancelled },
  { version: 160, name: '0160-hub-facts', up: hubFacts },
  { version: 170, name: '0170-province-catalogue', up: provinceCatalogue },
  { version: 180, name: '0180-bookings', up: bookings },
  { version: 190, name: '0190-feedback', up: feedback },
];
