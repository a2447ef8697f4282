import type { ComponentType } from 'react';
import type { Role } from '@layso/protocol';
import type { Bilingual } from '@layso/ui-kit';
import { Audit } from './Audit.js';
import { B } from './booking-messages.js';
import { BookingSettingsPage } from './BookingSettingsPage.js';
import { BookingsDay } from './BookingsDay.js';
import { Counters } from './Counters.js';
import { Devices } from './Devices.js';
import { D } from './dossier-messages.js';
import { Dossiers } from './Dossiers.js';
import { Feedback } from './Feedback.js';
import { F } from './feedback-messages.js';
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
  /** Who finds it in the menu; by default supervisors and admins (the server refuses the rest anyway). */
  roles?: readonly Role[];
}

const SUPERVISORS: readonly Role[] = ['supervisor', 'admin'];

/** The admin's pages, in menu order; `#<id>` opens one (a link can be shared or bookmarked). */
export const PAGES: AdminPage[] = [
  { id: 'monitor', title: A.navMonitor, component: Monitor, edits: false },
  { id: 'reports', title: A.navReports, component: Reports, edits: false },
  { id: 'bookings', title: B.navDay, component: BookingsDay, edits: false },
  { id: 'dossiers', title: D.nav, component: Dossiers, edits: false },
  // The feedback register (issue 22): also the whole admin of the feedback desk (tiếp nhận phản ánh).
  {
    id: 'feedback',
    title: F.nav,
    component: Feedback,
    edits: false,
    roles: ['supervisor', 'admin', 'reception'],
  },
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

/** The pages a role finds in its menu, in menu order. */
export const pagesFor = (role: Role): AdminPage[] =>
  PAGES.filter((p) => (p.roles ?? SUPERVISORS).includes(role));

/**
 * The page of `#<id>` among `pages` (a role's); what follows a `/` is the page's own (`#dossiers/uncollected`:
 * which list). An unknown or empty fragment opens the first page (the floor monitor, for supervisors).
 */
export const pageFromHash = (hash: string, pages: readonly AdminPage[] = PAGES): string => {
  const id = hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return pages.some((p) => p.id === id) ? id : (pages[0]?.id ?? 'monitor');
};
