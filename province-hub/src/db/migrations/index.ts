import type { ClientBase } from 'pg';
import { up as sitesAndFacts } from './0010-sites-and-facts.js';
import { up as siteAcknowledged } from './0020-site-acknowledged.js';
import { up as liveState } from './0030-live-state.js';
import { up as accounts } from './0040-accounts.js';
import { up as reportRollups } from './0050-report-rollups.js';
import { up as provinceCatalogue } from './0060-province-catalogue.js';

export interface Migration {
  /** The schema version after this migration (a row of `schema_migrations`). */
  version: number;
  name: string;
  /** Runs inside the runner's transaction: it neither begins nor commits. */
  up(db: ClientBase): Promise<void>;
}

/** Forward-only, in order; never edit one that has shipped — add the next. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: '0010-sites-and-facts', up: sitesAndFacts },
  { version: 20, name: '0020-site-acknowledged', up: siteAcknowledged },
  { version: 30, name: '0030-live-state', up: liveState },
  { version: 40, name: '0040-accounts', up: accounts },
  { version: 50, name: '0050-report-rollups', up: reportRollups },
  { version: 60, name: '0060-province-catalogue', up: provinceCatalogue },
];
