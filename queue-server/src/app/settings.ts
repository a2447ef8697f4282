import { CenterSettings } from '@layso/protocol';
import type { Config } from '../config.js';
import type { Store } from '../db/store.js';
import type { CallPolicy } from '../domain/types.js';
import { calendarOf, type WorkingCalendar } from '../domain/working-days.js';

type Key = keyof CenterSettings;

/** A ready result uncollected this many working days is raised on the floor monitor, until the admin says otherwise. */
export const DEFAULT_UNCOLLECTED_ALERT_DAYS = 3;
const KEYS = Object.keys(CenterSettings.shape) as Key[];

/** The settings the environment gives (CENTER_NAME, AGENCY_ID, ANNOUNCE_*, …): what holds until the admin saves. */
export function settingsFromConfig(config: Config): CenterSettings {
  const fromEnv: CenterSettings = {
    centerName: config.CENTER_NAME,
    agencyId: config.AGENCY_ID ?? null,
    announce: {
      template: config.ANNOUNCE_TEMPLATE,
      reading: config.ANNOUNCE_READING,
      dialect: config.ANNOUNCE_DIALECT,
      repeat: config.ANNOUNCE_REPEAT,
    },
    notice: config.DISPLAY_NOTICE,
    intakeRetentionDays: config.INTAKE_RETENTION_DAYS,
    maxPriorityInRow: config.MAX_PRIORITY_IN_ROW,
    ratingSeconds: config.RATING_SECONDS,
    printerFaultMode: config.PRINTER_FAULT_MODE,
    uncollectedAlertDays: DEFAULT_UNCOLLECTED_ALERT_DAYS,
    returnsServiceId: null,
    holidays: [],
    workdays: [],
  };
  // Normalised as a saved value would be (trimmed, NFC); an env value the admin's form would refuse stays as is.
  const parsed = CenterSettings.safeParse(fromEnv);
  return parsed.success ? parsed.data : fromEnv;
}

/**
 * The center's settings as they hold now: the environment's defaults overlaid by what the admin saved
 * (table `center_settings`, migration 0080, one JSON value per key). Kept in memory and replaced whole on save,
 * so readers — the queue, the printers, the screens' replies, the retention job — read the current value at
 * use time for the price of a property access.
 */
export class CenterSettingsStore {
  private current: CenterSettings;
  private currentCalendar: WorkingCalendar;

  constructor(
    private readonly store: Store,
    private readonly defaults: CenterSettings,
  ) {
    this.current = this.load();
    this.currentCalendar = calendarOf(this.current);
  }

  get(): CenterSettings {
    return this.current;
  }

  /** The working days the settings' holidays and make-up days give (built once per save). */
  calendar(): WorkingCalendar {
    return this.currentCalendar;
  }

  /** Stores every setting (a later change of the environment no longer applies to them) and returns them. */
  save(next: CenterSettings): CenterSettings {
    const valid = CenterSettings.parse(next);
    this.store.transaction(() => {
      for (const key of KEYS) this.store.settings.putCenterValue(key, JSON.stringify(valid[key]));
    });
    this.current = this.load();
    this.currentCalendar = calendarOf(this.current);
    return this.current;
  }

  /** Reads the saved values again (the province's catalogue wrote some in its own transaction). */
  reload(): void {
    this.current = this.load();
    this.currentCalendar = calendarOf(this.current);
  }

  /** Saved values over the defaults; a saved value today's rules refuse (an older, looser version) is skipped. */
  private load(): CenterSettings {
    const merged: Record<string, unknown> = { ...this.defaults };
    for (const row of this.store.settings.centerValues()) {
      const key = KEYS.find((k) => k === row.key);
      if (key === undefined) continue;
      const parsed = CenterSettings.shape[key].safeParse(JSON.parse(row.value));
      if (parsed.success) merged[key] = parsed.data;
    }
    return Object.freeze(merged as CenterSettings);
  }
}

/**
 * The call policy with the current priority mix (`maxPriorityInRow`); the rest comes from the environment.
 * The same object is handed out until the settings change.
 */
export function livePolicy(base: CallPolicy, settings: CenterSettingsStore): () => CallPolicy {
  let seen: CenterSettings | null = null;
  let policy = base;
  return () => {
    const s = settings.get();
    if (s !== seen) {
      seen = s;
      policy = { ...base, maxPriorityInRow: s.maxPriorityInRow };
    }
    return policy;
  };
}
