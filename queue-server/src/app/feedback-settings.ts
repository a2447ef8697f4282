import { DEFAULT_FEEDBACK_SETTINGS, FeedbackSettings } from '@layso/protocol';
import type { Store } from '../db/store.js';
import { jsonSetting } from './json-setting.js';

/**
 * The feedback settings (issue 22): one JSON value in `center_settings` (key `feedback`), like the booking settings.
 * Read at use time: a change applies to the next case; due days of cases received are kept.
 */
export const FEEDBACK_KEY = 'feedback';

const setting = jsonSetting(FEEDBACK_KEY, FeedbackSettings, DEFAULT_FEEDBACK_SETTINGS);

export const readFeedbackSettings = (store: Store): FeedbackSettings => setting.read(store);

/** Stores the settings (inside the caller's transaction, if any). */
export const saveFeedbackSettings = (store: Store, settings: FeedbackSettings): void =>
  setting.save(store, settings);
