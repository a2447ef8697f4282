import { DOSSIER_STATUS_LABELS, type DossierLookup } from '@layso/protocol';
import { formatDate, formatTime, vietnamDay } from './datetime.js';
import { DOSSIER_STATE_TITLE, DOSSIER_TEXT, withDate } from './dossier-text.js';
import { format, type Bilingual } from './i18n.js';

export { DOSSIER_TEXT } from './dossier-text.js';

const D = DOSSIER_TEXT;

/** How an answer looks: good news, a wait, something to act on, or nothing found. */
export type AnswerTone = 'ready' | 'wait' | 'act' | 'none';

export interface AnswerView {
  tone: AnswerTone;
  title: Bilingual;
  /** What to know and what to do, one short sentence each. */
  lines: Bilingual[];
  /** The ticket offered, and its button; null when a ticket would not help (no match, another center). */
  ticket: { serviceId: number; label: Bilingual } | null;
  /** "Nhập lại": the digits may have been mistyped. */
  retry: boolean;
  /** "cập nhật lúc HH:mm" when the province did not answer just now. */
  updated: Bilingual | null;
}

/** When the register learnt what it says: the time alone today, with the date otherwise. */
export function updatedText(learntAt: string, now: Date): Bilingual {
  const time = formatTime(learntAt);
  if (vietnamDay(learntAt) === vietnamDay(now)) return format(D.updatedAt, { time });
  return format(D.updatedOn, { time, date: formatDate(vietnamDay(learntAt)) });
}

/** What the kiosk says of a lookup, and which ticket it offers. Pure: tested without a browser. */
export function answerView(a: DossierLookup, now: Date): AnswerView {
  const service = a.ticketServiceName ?? '';
  const ticketFor = (label: Bilingual) =>
    a.ticketServiceId === null ? null : { serviceId: a.ticketServiceId, label };
  const reason = a.reason ? [format(D.reason, { reason: a.reason })] : [];
  const noService = a.ticketServiceId === null ? [D.helpDesk] : [];
  const updated = !a.fresh && a.learntAt ? updatedText(a.learntAt, now) : null;
  const base = { retry: false, updated };
  switch (a.state) {
    case 'ready':
      return {
        ...base,
        tone: 'ready',
        title: DOSSIER_STATE_TITLE[a.state],
        lines: [
          ...(a.ticketServiceId === null ? noService : [format(D.readyText, { service })]),
          ...(a.returnPlace ? [format(D.place, { place: a.returnPlace })] : []),
        ],
        ticket: ticketFor(D.collectButton),
      };
    case 'in_progress':
      return {
        ...base,
        tone: 'wait',
        title: DOSSIER_STATE_TITLE[a.state],
        lines: [a.appointmentAt ? withDate(D.comeBack, a.appointmentAt) : D.noDate],
        ticket: ticketFor(D.askButton),
      };
    case 'supplement':
      return {
        ...base,
        tone: 'act',
        title: DOSSIER_STATE_TITLE[a.state],
        lines: [
          ...reason,
          ...(a.ticketServiceId === null ? noService : [format(D.supplementText, { service })]),
        ],
        ticket: ticketFor(D.supplementButton),
      };
    case 'overdue':
      return {
        ...base,
        tone: 'act',
        title: DOSSIER_STATE_TITLE[a.state],
        lines: [a.appointmentAt ? withDate(D.overdueText, a.appointmentAt) : D.askText, ...noService],
        ticket: ticketFor(D.askButton),
      };
    case 'returned':
      return {
        ...base,
        tone: 'wait',
        title: DOSSIER_STATE_TITLE[a.state],
        lines: [D.returnedText, ...noService],
        ticket: ticketFor(D.askButton),
      };
    case 'closed': {
      const label = a.status === null ? null : DOSSIER_STATUS_LABELS[a.status];
      return {
        ...base,
        tone: 'act',
        title: DOSSIER_STATE_TITLE[a.state],
        lines: [
          ...(label ? [{ vi: `${D.status.vi} ${label.vi}`, en: `${D.status.en} ${label.en}` }] : []),
          ...reason,
          a.ticketServiceId === null ? D.helpDesk : D.askText,
        ],
        ticket: ticketFor(D.askButton),
      };
    }
    case 'unverifiable':
      return {
        ...base,
        tone: 'act',
        title: D.unverifiable,
        lines: [a.ticketServiceId === null ? D.helpDesk : D.askText],
        ticket: ticketFor(D.askButton),
      };
    case 'no_match':
      return { ...base, tone: 'none', title: D.noMatch, lines: [D.noMatchText], ticket: null, retry: true };
    case 'other_center':
      return { ...base, tone: 'none', title: D.otherCenter, lines: [D.otherCenterText], ticket: null };
  }
}
