// What the feedback register's pages decide, kept pure: which part of the section an address opens, the list's
// filters as the endpoint's query, a case's due badge, a history line's note, the settings form. Which actions a
// case allows is the server's to say (FeedbackCase.actions), never decided here.
import {
  FeedbackChannel,
  FeedbackClass,
  FeedbackSettings,
  FeedbackStatus,
  ForwardMeans,
  type FeedbackCaseSummary,
  type FeedbackEvent,
} from '@layso/protocol';
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
  'perAddressPerDay',
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
    // A figure with a default (added later to the settings) is the same number inside.
    const field = shape[k];
    const schema = 'unwrap' in field ? field.unwrap() : field;
    const ok = schema.safeParse(n);
    if (!ok.success) {
      const range = { min: schema.minValue ?? 0, max: schema.maxValue ?? 0 };
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
  if (parsed.success) return { ok: true, settings: parsed.data };
  // Each figure is in range: what is left is a rule between them (forwarding due no later than the answer), whose
  // message the contract gives "tiếng Việt / English".
  const issue = parsed.error.issues[0];
  const field = SETTINGS_FIELDS.find((k) => k === issue?.path[0]) ?? 'forwardDays';
  const [vi = '', en = vi] = (issue?.message ?? '').split(' / ');
  return { ok: false, field, problem: { vi, en } };
}
