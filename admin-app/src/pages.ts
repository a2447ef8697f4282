import type { ComponentType } from 'react';
import type { Bilingual } from '@layso/ui-kit';
import { Audit } from './Audit.js';
import { B } from './booking-messages.js';
import { BookingSettingsPage } from './BookingSettingsPage.js';
import { BookingsDay } from './BookingsDay.js';
import { Counters } from './Counters.js';
import { Devices } from './Devices.js';
import { D } from './dossier-messages.js';
import { Dossiers } from './Dossiers.js';
import { A } from './messages.js';
import { Monitor } from './Monitor.js';
import { NoticeDeliveries } from './NoticeDeliveries.js';
import { N } from './notice-messages.js';
import { Notices } from './Notices.js';
import { Officers } from './Officers.js';
import { Procedures } from './Procedures.js';
import { Reports } from './Reports.js';
import { Services } from './Services.js';
import { Settings } from './Settings.js';
import { Simulation } from './Simulation.js';
import { S } from './simulation-messages.js';

export interface AdminPage {
  id: string;
  title: Bilingual;
  component: ComponentType;
  /** A configuration page: supervisors are told they only read it. */
  edits: boolean;
}

/** The admin's pages, in menu order; `#<id>` opens one (a link can be shared or bookmarked). */
export const PAGES: AdminPage[] = [
  { id: 'monitor', title: A.navMonitor, component: Monitor, edits: false },
  { id: 'reports', title: A.navReports, component: Reports, edits: false },
  { id: 'bookings', title: B.navDay, component: BookingsDay, edits: false },
  { id: 'dossiers', title: D.nav, component: Dossiers, edits: false },
  { id: 'simulation', title: S.nav, component: Simulation, edits: false },
  { id: 'services', title: A.navServices, component: Services, edits: true },
  { id: 'procedures', title: A.navProcedures, component: Procedures, edits: true },
  { id: 'counters', title: A.navCounters, component: Counters, edits: true },
  { id: 'officers', title: A.navOfficers, component: Officers, edits: true },
  { id: 'devices', title: A.navDevices, component: Devices, edits: true },
  { id: 'settings', title: A.navSettings, component: Settings, edits: true },
  { id: 'booking-settings', title: B.navSettings, component: BookingSettingsPage, edits: true },
  { id: 'notices', title: N.nav, component: Notices, edits: true },
  { id: 'deliveries', title: N.navDeliveries, component: NoticeDeliveries, edits: false },
  { id: 'audit', title: A.navAudit, component: Audit, edits: false },
];

/** The page of `#<id>`; what follows a `/` is the page's own (`#dossiers/uncollected`: which list). */
export const pageFromHash = (hash: string): string => {
  const id = hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return PAGES.some((p) => p.id === id) ? id : 'monitor';
};
