import type { Config } from '../config.js';
import type { Store } from '../db/store.js';
import type { Clock } from '../domain/types.js';
import type { Notices } from '../notify/service.js';
import { createFeedbackFileStore, type FeedbackFileStore } from './feedback-file-store.js';
import { FeedbackService } from './feedback.js';
import type { CenterSettingsStore } from './settings.js';

export interface FeedbackSetup {
  store: Store;
  clock: Clock;
  config: Config;
  notices: Notices;
  settings: CenterSettingsStore;
  /** The queue's public address, asked at use time (listen() may set it after the wiring). */
  publicUrl: () => string;
  warn: (message: string) => void;
}

/** Feedback and complaints (issue 22): the cases and their private pictures, as the context holds them. */
export function feedbackFromConfig(s: FeedbackSetup): {
  feedback: FeedbackService;
  feedbackFiles: FeedbackFileStore;
} {
  const feedbackFiles = createFeedbackFileStore(s.config.DATA_DIR, { warn: s.warn });
  const feedback = new FeedbackService({
    store: s.store,
    clock: s.clock,
    planner: s.notices.planner,
    wake: () => s.notices.dispatcher.wake(),
    publicUrl: s.publicUrl,
    centerName: () => s.settings.get().centerName,
    calendar: () => s.settings.calendar(),
    files: feedbackFiles,
    limits: { perCode: s.config.LOOKUP_WRONG_PER_CODE, perSource: s.config.LOOKUP_WRONG_PER_SOURCE },
  });
  return { feedback, feedbackFiles };
}
