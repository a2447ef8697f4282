import { NOTICE_CONSENT } from '@layso/protocol';
import type {
  CheckInReply,
  DossierLookup,
  IssueTicketInput,
  ProcedureHit,
  Service,
  ServiceSummary,
  Ticket,
} from '@layso/protocol';
import type { Bilingual } from '@layso/ui-kit';
import type { CccdCard } from '../cccd/parse.js';
import { M } from './messages.js';

/** Where the ticket's paper is: on its way, out, failed (the number is shown instead), or never meant to print. */
export type PrintOutcome = 'printing' | 'printed' | 'failed' | 'screen-only';

/** What the citizen chose so far; forgotten on every return to the welcome screen. */
export interface Draft {
  serviceId: number;
  procedure: ProcedureHit | null;
  priority: string | null;
  intake: {
    fullName?: string;
    phone?: string;
    idNumber?: string;
    birthYear?: number;
    /** Text notices to that phone, agreed under today's consent text. */
    notices?: boolean;
  } | null;
  /** A returns (or "ask at the counter") ticket for a dossier looked up at the kiosk. */
  dossierCode?: string;
}

/** The lists a procedure's page is opened from, and goes back to. */
type ProcedureList = { kind: 'search' } | { kind: 'procedures'; serviceId: number };

export type Step =
  | { kind: 'welcome' }
  | ProcedureList
  | { kind: 'procedure'; procedure: ProcedureHit; back: ProcedureList }
  | { kind: 'confirm' }
  | { kind: 'priority' }
  | { kind: 'intake' }
  /** "Nhận kết quả / Tra cứu hồ sơ": scan or type the code, prove it with 4 digits, read the answer. */
  | { kind: 'dossier-code' }
  | { kind: 'dossier-proof' }
  | { kind: 'dossier-answer' }
  /** "Đã đặt lịch hẹn?": scan the booking's QR or the CCCD card, or type the booking code. */
  | { kind: 'check-in' }
  /** The booking was found but gives no number now: too early (come back at …) or too late (a normal number). */
  | { kind: 'check-in-answer' }
  /** "Góp ý, phản ánh": topic, text, optional name and phone, the receipt (its own screens keep what is typed). */
  | { kind: 'feedback' }
  | { kind: 'ticket' };

/** The body of `POST /api/tickets` for a draft: optional parts only when the citizen gave them. */
export function issueBody(d: Draft): IssueTicketInput {
  const body: IssueTicketInput = { serviceId: d.serviceId };
  if (d.priority) body.priority = d.priority;
  if (d.procedure && d.procedure.serviceId === d.serviceId) body.procedureId = d.procedure.id;
  if (d.intake) {
    const { notices, ...details } = d.intake;
    if (Object.values(details).some((v) => v !== undefined && v !== '')) {
      body.intake = { consent: true, ...details };
      // Notices only go to a phone; the consent recorded is the version of the text the kiosk showed.
      if (notices && details.phone) body.intake.notices = { consentVersion: NOTICE_CONSENT.version };
    }
  }
  if (d.dossierCode) body.dossierCode = d.dossierCode;
  return body;
}

export const NAME = /^[\p{L}][\p{L} .'-]*$/u;

/**
 * Services as the server lists them (whether each issues numbers now, and why not, come from that list, read
 * again every half minute), with the live waiting counts and estimates of the realtime stream laid over.
 */
export function liveServices(services: Service[], live: ServiceSummary[] | undefined): Service[] {
  if (!live) return services;
  return services.map((s) => {
    const l = live.find((x) => x.id === s.id);
    return l ? { ...s, waiting: l.waiting, estimatedWaitMinutes: l.estimatedWaitMinutes } : s;
  });
}

/** What a scanned CCCD gives the optional details: the ID number, the name if it was read, the birth year. */
export function intakeFrom(card: CccdCard): NonNullable<Draft['intake']> {
  const out: NonNullable<Draft['intake']> = { idNumber: card.idNumber };
  if (card.fullName) out.fullName = card.fullName;
  const year = card.birthDate ? Number(card.birthDate.slice(0, 4)) : NaN;
  if (Number.isInteger(year)) out.birthYear = year;
  return out;
}

/** A number given to the citizen, kept on screen until they are done or the screen times out. */
export interface Issued {
  ticket: Ticket;
  print: PrintOutcome;
  priorityName: string | null;
}

/** Where the citizen is on the kiosk and what they told it: everything a return to the welcome screen forgets. */
export interface FlowState {
  step: Step;
  draft: Draft | null;
  issued: Issued | null;
  /** Why the server refused the last request, shown on the confirm screen. */
  refusal: Bilingual | null;
  /** A CCCD just read, offered to the details form (`at` starts a fresh form for each read). */
  scan: { card: CccdCard; at: number } | null;
  notice: Bilingual | null;
  /**
   * The dossier being looked up: its code (typed or scanned) and, once proven, what the server answered;
   * `limited` once the server refused more tries (the citizen is offered a number to ask at the counter).
   */
  dossier: { code: string; answer: DossierLookup | null; limited?: boolean } | null;
  /**
   * A check-in: the code being checked in (null by the CCCD, never kept), and the server's answer when it gave no
   * number (`early` or `late`).
   */
  checkIn: { code: string | null; answer: NotIssued | null } | null;
}

/** A check-in's answer that gives no ticket. */
export type NotIssued = Exclude<CheckInReply, { outcome: 'issued' }>;

export const WELCOME: FlowState = {
  step: { kind: 'welcome' },
  draft: null,
  issued: null,
  refusal: null,
  scan: null,
  notice: null,
  dossier: null,
  checkIn: null,
};

/** Screens reached by a tap that carries nothing new: the search, a procedure, the confirm screen's branches. */
export type Shown = Exclude<
  Step,
  | { kind: 'welcome' }
  | { kind: 'ticket' }
  | { kind: 'dossier-proof' }
  | { kind: 'dossier-answer' }
  | { kind: 'check-in-answer' }
>;

export type FlowAction =
  /** The home button, the idle timeout, a lost server, the ticket screen done: start afresh. */
  | { type: 'home' }
  /** A department tapped (with the procedure when the citizen came through one). */
  | { type: 'choose'; serviceId: number; procedure?: ProcedureHit | null }
  | { type: 'show'; step: Shown }
  /** "Take a number" on a procedure's page: keeps the draft when it is for the same department. */
  | { type: 'take-procedure'; procedure: ProcedureHit }
  | { type: 'priority'; code: string | null }
  /** The details form saved (`null`: the citizen cleared them), or left with Back. */
  | { type: 'intake'; intake: Draft['intake'] }
  | { type: 'intake-back' }
  | { type: 'card'; card: CccdCard; at: number }
  | { type: 'request' }
  | { type: 'issued'; issued: Issued }
  | { type: 'printed'; ticketId: number; ok: boolean }
  | { type: 'refused'; reason: Bilingual }
  /** A dossier code typed on the keypad or read from a slip by the scanner: ask for the proof next. */
  | { type: 'dossier-code'; code: string }
  | { type: 'dossier-answer'; answer: DossierLookup }
  /** "Nhập lại" after no match: the same code, the digits again. */
  | { type: 'dossier-retry' }
  /** Too many wrong tries for this code or kiosk (429): said, and a number at the counter offered instead. */
  | { type: 'dossier-limited'; reason: Bilingual }
  /** A booking's QR read by the scanner (anywhere but on a number), or a code typed: checking it in. */
  | { type: 'check-in'; code: string | null }
  /** The server found the booking but gave no number (too early, or too late). */
  | { type: 'check-in-answer'; answer: NotIssued };

/** Screens that work on a draft, and cannot be shown without one. */
const NEEDS_DRAFT: ReadonlySet<Step['kind']> = new Set(['procedures', 'confirm', 'priority', 'intake']);

/** The kiosk's screen transitions: pure, so every path a citizen can take is tested without a browser. */
export function flow(state: FlowState, action: FlowAction): FlowState {
  const confirm: Step = { kind: 'confirm' };
  switch (action.type) {
    case 'home':
      return WELCOME;
    case 'choose':
      return {
        ...state,
        draft: {
          serviceId: action.serviceId,
          procedure: action.procedure ?? null,
          priority: null,
          intake: null,
        },
        refusal: null,
        notice: null,
        // A card read for someone else's draft is never carried into a new one.
        scan: null,
        // Nor a lookup left for a number (too many wrong tries): the ticket is not linked to a code unproven.
        dossier: null,
        checkIn: null,
        step: confirm,
      };
    case 'show':
      if (!state.draft && NEEDS_DRAFT.has(action.step.kind)) return state;
      // The lookup and a feedback case start afresh: a half-made choice of a number is not carried into them.
      if (
        action.step.kind === 'dossier-code' ||
        action.step.kind === 'check-in' ||
        action.step.kind === 'feedback'
      ) {
        return { ...WELCOME, step: action.step };
      }
      return { ...state, step: action.step };
    case 'take-procedure': {
      const serviceId = action.procedure.serviceId;
      if (serviceId === null) return state;
      if (state.draft?.serviceId !== serviceId) {
        return flow(state, { type: 'choose', serviceId, procedure: action.procedure });
      }
      return { ...state, draft: { ...state.draft, procedure: action.procedure }, step: confirm };
    }
    case 'priority':
      if (!state.draft) return state;
      return { ...state, draft: { ...state.draft, priority: action.code }, step: confirm };
    case 'intake':
      if (!state.draft) return state;
      return { ...state, draft: { ...state.draft, intake: action.intake }, scan: null, step: confirm };
    case 'intake-back':
      if (!state.draft) return state;
      return { ...state, scan: null, step: confirm };
    case 'card':
      // On the lookup's screens a card is the proof (App sends its last 4 digits), never a draft's details.
      if (state.step.kind.startsWith('dossier-')) return state;
      // On the check-in screen a card checks its holder in (App sends it): nothing is kept here.
      if (state.step.kind === 'check-in') return state;
      // A feedback case takes no card: a name is typed only with its own consent.
      if (state.step.kind === 'feedback') return state;
      // A card read before a service is chosen is not kept (the next citizen must never find it filled in).
      if (!state.draft) return { ...state, notice: M.scanFirstChoose };
      return { ...state, scan: { card: action.card, at: action.at }, step: { kind: 'intake' } };
    case 'request':
      return { ...state, refusal: null };
    case 'issued':
      return {
        ...state,
        draft: null,
        scan: null,
        dossier: null,
        checkIn: null,
        issued: action.issued,
        step: { kind: 'ticket' },
      };
    case 'printed':
      if (state.issued?.ticket.id !== action.ticketId) return state;
      return { ...state, issued: { ...state.issued, print: action.ok ? 'printed' : 'failed' } };
    case 'refused':
      return { ...state, refusal: action.reason };
    case 'dossier-code':
      // A slip scanned while a number is on screen is ignored: that number may be all the citizen has.
      if (state.step.kind === 'ticket') return state;
      return { ...WELCOME, step: { kind: 'dossier-proof' }, dossier: { code: action.code, answer: null } };
    case 'dossier-answer':
      if (state.dossier?.code !== action.answer.code || state.step.kind !== 'dossier-proof') return state;
      return {
        ...state,
        refusal: null,
        step: { kind: 'dossier-answer' },
        dossier: { code: state.dossier.code, answer: action.answer },
      };
    case 'dossier-retry':
      if (!state.dossier) return state;
      return {
        ...state,
        refusal: null,
        step: { kind: 'dossier-proof' },
        dossier: { code: state.dossier.code, answer: null },
      };
    case 'dossier-limited':
      if (!state.dossier || state.step.kind !== 'dossier-proof') return state;
      return { ...state, refusal: action.reason, dossier: { ...state.dossier, limited: true } };
    case 'check-in':
      // A booking scanned while a number is on screen is ignored, as a slip is: that number may be all they have.
      if (state.step.kind === 'ticket') return state;
      // Anything half-made is dropped: the booking says which service, and nothing else is carried into it.
      return { ...WELCOME, step: { kind: 'check-in' }, checkIn: { code: action.code, answer: null } };
    case 'check-in-answer':
      if (state.step.kind !== 'check-in' || !state.checkIn) return state;
      return {
        ...state,
        refusal: null,
        step: { kind: 'check-in-answer' },
        checkIn: { ...state.checkIn, answer: action.answer },
      };
  }
}

/**
 * Where "take a number instead" leads once the lookup was refused for too many wrong tries: the confirm screen of
 * the service results are collected at (the admin's `returnsServiceId`) while it gives numbers, else the service
 * list — never a dead end.
 */
export function afterLookupLimit(
  returnsServiceId: number | null,
  services: readonly Service[],
): { type: 'choose'; serviceId: number } | { type: 'home' } {
  const returns = services.find((s) => s.id === returnsServiceId);
  return returns?.issuing ? { type: 'choose', serviceId: returns.id } : { type: 'home' };
}

/** The idle timeout brings the welcome screen back from a half-made choice or a notice, not from a ticket. */
export const resetsWhenIdle = (s: FlowState): boolean =>
  (s.step.kind !== 'welcome' && s.step.kind !== 'ticket') || s.notice !== null;
