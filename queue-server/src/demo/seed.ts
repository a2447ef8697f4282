import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_BOOKING_SETTINGS,
  DEFAULT_FEEDBACK_SETTINGS,
  type DeviceKind,
  type WeeklyHours,
} from '@layso/protocol';
import { saveBookingSettings } from '../app/booking-settings.js';
import { saveFeedbackSettings } from '../app/feedback-settings.js';
import { CatalogueService } from '../app/catalogue.js';
import { registerDevice } from '../auth/service.js';
import { hashPassword, randomPassword } from '@layso/server-kit';
import type { Store } from '../db/store.js';
import type { Clock } from '../domain/types.js';
import { assetPath } from '../paths.js';
import { DEMO_CENTER, type DemoCenter } from './center.js';

const ROUND_THE_CLOCK = Object.fromEntries(
  ['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [{ open: '00:00', close: '24:00' }]]),
) as WeeklyHours;

export interface DemoCredentials {
  admin: { username: string; password: string };
  /** The feedback desk (tiếp nhận phản ánh, role `reception`): the register only. */
  feedbackDesk: { username: string; password: string };
  officers: { username: string; password: string; counterId: number }[];
  kioskToken: string;
  displayToken: string;
  kioskUrl: string;
  displayUrl: string;
  counterUrl: string;
  adminUrl: string;
  /** One counter-top screen per counter, paired as a counter device. */
  counterTopUrls: { counterId: number; url: string }[];
  /** Demo mode: the notice stand-in the demo's SMS go to (a booking's one-time code: `GET …/_control/sms/messages`). */
  noticeStandInUrl?: string;
}

/** The demo's services open for booking: Tư pháp, land, police, business registration (by service code). */
export const DEMO_BOOKED_SERVICES = ['TP', 'NNMT', 'CA', 'TC'];
/** The demo's booking hours and windows (a real center keeps the defaults: 08:00–16:00, closing 30 minutes before). */
export const DEMO_BOOKING_WINDOWS = {
  bookableFrom: '00:00',
  bookableUntil: '24:00',
  closeBeforeMinutes: 0,
  checkInEarlyMinutes: 20,
} as const;

export function readDemoCatalogue(): string {
  return readFileSync(assetPath('demo/catalogue.csv'), 'utf8');
}

/**
 * Seeds the Vĩnh Long demo center into an empty store and returns its credentials. The demo's services are
 * open round the clock so it can be tried at any hour; the real hours (`USUAL_CENTER_HOURS`, domain/hours.ts) are what an
 * admin would set. Every password and token is random, fresh for each new DATA_DIR.
 */
export async function seedDemo(
  store: Store,
  clock: Clock,
  publicUrl: string,
  /** Called inside the seeding transaction, before it commits (main writes the credentials file here). */
  beforeCommit: (credentials: DemoCredentials) => void = () => undefined,
  /** Another center of the same shape (tests seed a small one); the bundled catalogue is the demo's only. */
  center: DemoCenter = DEMO_CENTER,
): Promise<DemoCredentials> {
  const officers = await Promise.all(
    center.officers.map(async (o) => {
      const password = randomPassword();
      return { ...o, password, hash: await hashPassword(password) };
    }),
  );
  const adminPassword = randomPassword();
  const adminHash = await hashPassword(adminPassword);
  const deskPassword = randomPassword();
  const deskHash = await hashPassword(deskPassword);

  // One transaction: an interrupted first start leaves an empty database, which the next start seeds again.
  return store.transaction(() => {
    const serviceIds = new Map<string, number>();
    for (const s of center.services) {
      serviceIds.set(s.code, store.catalogue.saveService({ ...s, hours: ROUND_THE_CLOCK }));
    }
    center.priorityGroups.forEach((g, i) => store.catalogue.addPriorityGroup(g, i));
    const counterIds = new Map<number, number>();
    for (const c of center.counters) {
      const ids = c.serviceCodes
        .map((code) => serviceIds.get(code))
        .filter((id): id is number => id !== undefined);
      counterIds.set(c.number, store.counters.add(c.number, c.name, ids));
    }
    store.accounts.addUser({
      username: 'admin',
      displayName: 'Quản trị viên',
      role: 'admin',
      passwordHash: adminHash,
      counterId: null,
    });
    // Feedback and complaints (issue 22): on (the default), and an account for the desk that keeps the register.
    store.accounts.addUser({
      username: 'tiepnhan',
      displayName: 'Tiếp nhận phản ánh',
      role: 'reception',
      passwordHash: deskHash,
      counterId: null,
    });
    saveFeedbackSettings(store, { ...DEFAULT_FEEDBACK_SETTINGS, enabled: true });
    // Appointments (issue 21) for the busiest desks: 40 % of their throughput kept for walk-ins (so a one-counter
    // service still has a place a slot; at 50 % it had none). Like its hours, the
    // demo's booking is tried at any hour: slots round the clock, 15 minutes long, bookable until they start and
    // checked in from 20 minutes before — a newcomer books the next slot and checks in at once.
    saveBookingSettings(store, {
      ...DEFAULT_BOOKING_SETTINGS,
      ...DEMO_BOOKING_WINDOWS,
      services: DEMO_BOOKED_SERVICES.flatMap((code) => {
        const id = serviceIds.get(code);
        return id === undefined
          ? []
          : [{ serviceId: id, enabled: true, slotMinutes: 15, walkInSharePercent: 40, capacity: {} }];
      }),
    });
    store.settings.put('center', JSON.stringify({ name: center.name, address: center.address }));
    store.settings.put('demo', 'true');
    const seated = officers.map((o) => {
      const counterId = counterIds.get(o.counterNumber) ?? null;
      store.accounts.addUser({
        username: o.username,
        displayName: o.displayName,
        role: 'officer',
        passwordHash: o.hash,
        counterId,
      });
      return { username: o.username, password: o.password, counterId: counterId as number };
    });

    if (center === DEMO_CENTER)
      new CatalogueService(store).importNow({ format: 'csv', content: readDemoCatalogue(), dryRun: false });
    const device = (kind: DeviceKind, name: string, counterId: number | null) =>
      registerDevice(store, clock, kind, name, counterId);
    const kiosk = device('kiosk', 'Ki-ốt sảnh chính', null);
    const display = device('display', 'Màn hình sảnh chờ', null);
    const counterTops = [...counterIds].map(([number, counterId]) => {
      const { token } = device('counter', `Màn hình quầy ${number}`, counterId);
      return { counterId, url: `${publicUrl}/counter-top/${counterId}#token=${token}` };
    });
    const credentials: DemoCredentials = {
      admin: { username: 'admin', password: adminPassword },
      feedbackDesk: { username: 'tiepnhan', password: deskPassword },
      officers: seated,
      kioskToken: kiosk.token,
      displayToken: display.token,
      // Device URLs carry their token in the fragment, which browsers never send to the server or its logs.
      kioskUrl: `${publicUrl}/kiosk#token=${kiosk.token}`,
      displayUrl: `${publicUrl}/display#token=${display.token}`,
      counterUrl: `${publicUrl}/counter`,
      adminUrl: `${publicUrl}/admin`,
      counterTopUrls: counterTops,
    };
    beforeCommit(credentials);
    return credentials;
  });
}

/** Written whole or not at all (temporary file, then rename), readable by the owner only. */
export function writeDemoCredentials(dataDir: string, credentials: DemoCredentials): string {
  const file = join(dataDir, 'demo-credentials.json');
  writeFileSync(`${file}.partial`, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.partial`, file);
  return file;
}
