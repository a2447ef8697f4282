/**
 * A small center for tests that need a working floor but not the whole demo: three of the demo's services,
 * four counters (the fourth left free), three officers whose usual counters are 1–3, the demo's priority
 * groups, and a kiosk, a lobby display and a screen per counter — seeded like the demo, without its catalogue.
 */
import type { Store } from '../db/store.js';
import { DEMO_CENTER, type DemoCenter } from '../demo/center.js';
import { seedDemo, type DemoCredentials } from '../demo/seed.js';
import type { Clock } from '../domain/types.js';

const service = (code: string) => {
  const s = DEMO_CENTER.services.find((x) => x.code === code);
  if (!s) throw new Error(`no demo service ${code}`);
  return s;
};

export const SMALL_CENTER: DemoCenter = {
  ...DEMO_CENTER,
  // TC: prefix 1, TP: prefix 2, CA: prefix 5.
  services: [service('TC'), service('TP'), service('CA')],
  counters: [
    { number: 1, name: 'Quầy 1', serviceCodes: ['TC'] },
    { number: 2, name: 'Quầy 2', serviceCodes: ['TP'] },
    { number: 3, name: 'Quầy 3', serviceCodes: ['CA', 'TP'] },
    { number: 4, name: 'Quầy 4', serviceCodes: ['TP'] },
  ],
  officers: DEMO_CENTER.officers.slice(0, 3),
};

/** Seeds `SMALL_CENTER` into an empty store (`startHarness({ seed: seedSmallCenter })`). */
export function seedSmallCenter(store: Store, clock: Clock, publicUrl: string): Promise<DemoCredentials> {
  return seedDemo(store, clock, publicUrl, undefined, SMALL_CENTER);
}
