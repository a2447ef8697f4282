import { DEFAULT_FEEDBACK_SETTINGS, FeedbackSettings } from '@layso/protocol';
import type { Store } from '../db/store.js';

/**
 * The feedback settings (issue 22): one JSON value in `center_settings` (key `feedback`), like the booking settings.
 * Read at use time (a change applies to the next case; due days of cases received are kept), parsed once per text.
 */
export const FEEDBACK_KEY = 'feedback';

let kept: { raw: string; value: FeedbackSettings } | null = null;

export function readFeedbackSettings(store: Store): FeedbackSettings {
  const row = store.settings.centerValues().find((r) => r.key === FEEDBACK_KEY);
  if (!row) return DEFAULT_FEEDBACK_SETTINGS;
  if (kept?.raw === row.value) return kept.value;
  const parsed = FeedbackSettings.safeParse(JSON.parse(row.value));
  // A value today's rules refuse (written by an older, looser version) falls back to the defaults.
  const value = parsed.success ? parsed.data : DEFAULT_FEEDBACK_SETTINGS;
  kept = { raw: row.value, value };
  return value;
}

/** Stores the settings (inside the caller's transaction, if any). */
export function saveFeedbackSettings(store: Store, settings: FeedbackSettings): void {
  store.settings.putCenterValue(FEEDBACK_KEY, JSON.stringify(FeedbackSettings.parse(settings)));
}
