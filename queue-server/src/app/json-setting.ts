import type { z } from 'zod';
import type { Store } from '../db/store.js';

/** A feature's settings kept as one JSON value in `center_settings`, checked by its protocol schema. */
export interface JsonSetting<T> {
  /**
   * The stored value, or `defaults` when none is stored or today's rules refuse it (written by an older, looser
   * version). Read at use time, so an admin's change applies at once; parsed once per stored text.
   */
  read(store: Store): T;
  /** Checks and stores the value (inside the caller's transaction, if any). */
  save(store: Store, value: T): void;
}

export function jsonSetting<T>(key: string, schema: z.ZodType<T>, defaults: T): JsonSetting<T> {
  let kept: { raw: string; value: T } | null = null;
  return {
    read(store) {
      const row = store.settings.centerValues().find((r) => r.key === key);
      if (!row) return defaults;
      if (kept?.raw === row.value) return kept.value;
      const parsed = schema.safeParse(JSON.parse(row.value));
      const value = parsed.success ? parsed.data : defaults;
      kept = { raw: row.value, value };
      return value;
    },
    save(store, value) {
      store.settings.putCenterValue(key, JSON.stringify(schema.parse(value)));
    },
  };
}
