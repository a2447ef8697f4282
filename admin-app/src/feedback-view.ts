// What the feedback register's pages decide, kept pure: which part of the section an address opens, the list's
// filters as the endpoint's query, a case's due badge, and which actions its state allows (the server's rules of
// issue 22: the buttons shown are those it would accept; it still refuses anything else with LAYSO_FEEDBACK_STATE).
import {
  FeedbackChannel,
  FeedbackClass,
  FeedbackSettings,
  FeedbackStatus,
  ForwardMeans,
  type FeedbackCase,
  type FeedbackCaseSummary,
  type FeedbackEvent,
} from '@layso/protocol';
import { formatFeedbackCode, normalizeFeedbackCode } from '@layso/protocol/feedback-input';
import {
  FEEDBACK_CHANNEL_LABELS,
  FEEDBACK_CLASS_LABELS,
  FEEDBACK_FORWARD_MEANS_LABELS,
  format,
  type Bilingual,
} from '@layso/ui-kit';
import { F } from './feedback-messages.js';

export const STATUSES: readonly FeedbackStatus[] = FeedbackStatus.options;
export const CLASSES: readonly FeedbackClass[] = FeedbackClass.options;
export const CHANNELS: readonly FeedbackChannel[] = FeedbackChannel.options;

/** The section's parts: `#feedback` (the register; `/overdue`, `/soon` pre-filter it), `/new`, `/report`,
 * `/settings`, `/<id>` (a case). */
export type FeedbackRoute =
  | { view: 'register'; due: 'overdue' | 'soon' | null }
  | { view: 'new' }
  | { view: 'report' }
  | { view: 'settings' }
  | { view: 'case'; id: number };

export function feedbackRoute(hash: string): FeedbackRoute {
  const part = hash.replace(/^#\/?/, '').split('/')[1] ?? '';
  if (part === 'new' || part === 'report' || part === 'settings') return { view: part };
  if (part === 'overdue' || part === 'soon') return { view: 'register', due: part };
  if (/^\d+$/.test(part) && Number(part) > 0) return { view: 'case', id: Number(part) };
  return { view: 'register', due: null };
}

/** A case's code as shown, `XXXX-XXXX`, whether the server sent it dashed or not. */
export const showCode = (code: string): string => {
  const plain = normalizeFeedbackCode(code);
  return plain ? formatFeedbackCode(plain) : code;
};

export const caseHash = (id: number) => `#feedback/${id}`;

export interface RegisterFilter {
  status: FeedbackStatus | null;
  class: FeedbackClass | null;
  channel: FeedbackChannel | null;
  due: 'overdue' | 'soon' | null;
  from: string | null;
  to: string | null;
  q: string;
}

export const emptyFilter = (due: RegisterFilter['due'] = null): RegisterFilter => ({
  status: null,
  class: null,
  channel: null,
  due,
  from: null,
  to: null,
  q: '',
});

/** The filter as the register's query: only what is set, the search trimmed. */
export function registerQuery(f: RegisterFilter) {
  const q = f.q.trim();
  return {
    ...(f.status ? { status: f.status } : {}),
    ...(f.class ? { class: f.class } : {}),
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.due ? { due: f.due } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(q ? { q: q.slice(0, 100) } : {}),
  };
}

/** A case's badge in the list: overdue first, then due soon; none once nothing is due. */
export function dueBadge(c: Pick<FeedbackCaseSummary, 'overdue' | 'dueSoon'>): {
  kind: 'overdue' | 'soon';
  m: Bilingual;
} | null {
  if (c.overdue) return { kind: 'overdue', m: F.dueOverdue };
  if (c.dueSoon) return { kind: 'soon', m: F.dueSoon };
  return null;
}

export interface Allowed {
  classify: boolean;
  assign: boolean;
  forward: boolean;
  answer: boolean;
  close: boolean;
}

/**
 * The actions a case's state allows (issue 22): classify until answered; forward a case classified outside the
 * center's authority, not yet forwarded; answer (or correct the answer) until closed; close an answered case, or
 * a case that does not qualify at any point; assign until closed. Closed is final.
 */
export function allowedActions(c: Pick<FeedbackCase, 'status' | 'class'>): Allowed {
  const open = c.status !== 'closed';
  const beforeAnswer = c.status === 'new' || c.status === 'processing' || c.status === 'forwarded';
  return {
    classify: beforeAnswer,
    assign: open,
    forward: c.status === 'processing' && c.class === 'outside-authority',
    answer: open,
    close: c.status === 'answered' || (open && c.class === 'not-qualified'),
  };
}

/** Whether the forwarding due date matters for this case (a class not yet known, or outside the authority). */
export const forwardDueApplies = (c: Pick<FeedbackCaseSummary, 'class'>): boolean =>
  c.class === null || c.class === 'outside-authority';

/**
 * A history line's note in words: the server writes keys there (the channel received by, the class given, the
 * forwarding means, 'correction' for an answer corrected); anything else is shown as written.
 */
export function eventNote(e: Pick<FeedbackEvent, 'kind' | 'note'>): Bilingual | null {
  if (e.note === null) return null;
  const as = <K extends string>(options: readonly K[], labels: Record<K, Bilingual>) => {
    const k = options.find((o) => o === e.note);
    return k === undefined ? null : labels[k];
  };
  const known =
    e.kind === 'received'
      ? as(CHANNELS, FEEDBACK_CHANNEL_LABELS)
      : e.kind === 'classified'
        ? as(CLASSES, FEEDBACK_CLASS_LABELS)
        : e.kind === 'forwarded'
          ? as(ForwardMeans.options, FEEDBACK_FORWARD_MEANS_LABELS)
          : e.kind === 'answered' && e.note === 'correction'
            ? F.correction
            : null;
  return known ?? { vi: e.note, en: e.note };
}

export type SettingsField = Exclude<keyof FeedbackSettings, 'enabled'>;
export const SETTINGS_FIELDS: readonly SettingsField[] = [
  'forwardDays',
  'answerDays',
  'soonDays',
  'retentionDays',
  'perKioskPerHour',
  'perSenderPerDay',
];

/** The figures as typed → the settings, or the first field out of its contract range in words. */
export function settingsFromForm(
  enabled: boolean,
  typed: Record<SettingsField, string>,
): { ok: true; settings: FeedbackSettings } | { ok: false; field: SettingsField; problem: Bilingual } {
  const shape = FeedbackSettings.shape;
  const values: Partial<Record<SettingsField, number>> = {};
  for (const k of SETTINGS_FIELDS) {
    const text = typed[k].trim();
    const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    const ok = shape[k].safeParse(n);
    if (!ok.success) {
      const range = { min: shape[k].minValue ?? 0, max: shape[k].maxValue ?? 0 };
      return {
        ok: false,
        field: k,
        problem: {
          vi: format(F.outOfRange, { ...range, field: F[k].vi }).vi,
          en: format(F.outOfRange, { ...range, field: F[k].en }).en,
        },
      };
    }
    values[k] = ok.data;
  }
  const parsed = FeedbackSettings.safeParse({ enabled, ...values });
  if (!parsed.success) return { ok: false, field: 'forwardDays', problem: F.outOfRange };
  return { ok: true, settings: parsed.data };
}
