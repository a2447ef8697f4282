import {
  parseDossierCode,
  type DossierLookup,
  type DossierLookupBody,
  type DossierLookupState,
  type DossierRecord,
  type ProvincialStatus,
} from '@layso/protocol';
import type { DossierRow, Store } from '../db/store.js';
import { isOverdue, lookupState, proves } from '../domain/dossiers.js';
import { toIso } from '../domain/time.js';
import type { Clock } from '../domain/types.js';
import { fail, rawCodeOf, storageProblemOf } from '../errors.js';
import { applyDossierStatus, type NoticePlanner } from '../notify/planner.js';
import type { ProvincialStatusAdapter } from '../sync/status.js';
import { AttemptLimiter, DEFAULT_LOOKUP_LIMITS, type LookupLimits } from './lookup-limit.js';

/** How long a lookup waits for the province before it answers from the register (the kiosk's budget is 1.5 s). */
export const PROVINCE_BUDGET_MS = 1200;

export interface DossierServiceOptions {
  store: Store;
  clock: Clock;
  /** Asked at each use (the server may swap it; tests put in a fake). */
  province: () => ProvincialStatusAdapter;
  /** The center's agency identifier and the returns service, as the settings hold them now. */
  settings: () => { agencyId: string | null; returnsServiceId: number | null };
  budgetMs?: number;
  limits?: LookupLimits;
  /** Plans "result ready" notices with the status that says so (issue 19). */
  planner?: NoticePlanner | null;
  /** Where a register write that storage refused is told (no code, no personal data). */
  log?: { warn(facts: object, message: string): void };
}

/** What the province said within the budget: a status, "unknown code", or nothing in time. */
type Pulled = { kind: 'status'; status: ProvincialStatus } | { kind: 'unknown' } | { kind: 'unavailable' };

/** Only the states a proven owner may read carry the dossier's facts. */
const PROVEN: ReadonlySet<DossierLookupState> = new Set([
  'ready',
  'in_progress',
  'supplement',
  'overdue',
  'returned',
  'closed',
]);

/** Answers that count as a wrong try against the code and the source (each asked the province). */
const WRONG_TRY: ReadonlySet<DossierLookupState> = new Set(['no_match', 'unverifiable']);

/**
 * The dossier after the counter (issue 18): a citizen's lookup by code and proof, an officer's look at one dossier,
 * each asking the province within a budget and answering from the register when it is slow or down.
 */
export class DossierService {
  private readonly limiter: AttemptLimiter;
  private readonly budgetMs: number;
  private readonly limits: LookupLimits;

  constructor(private readonly o: DossierServiceOptions) {
    this.limiter = new AttemptLimiter(o.clock);
    this.budgetMs = o.budgetMs ?? PROVINCE_BUDGET_MS;
    this.limits = o.limits ?? DEFAULT_LOOKUP_LIMITS;
  }

  /**
   * A citizen's lookup from `source` (`device:<id>` for a kiosk, `ip:<address>` for a phone). Another center's
   * code is told from the code alone, without asking the province. Any code of ours is asked of the province
   * whatever the proof — even one the register does not hold, its answer unused — so the time taken tells
   * nothing; a wrong proof and an unknown code of this center answer the same `no_match`. `no_match` and
   * `unverifiable` count against the code and the source, which also bounds what lookups can ask the province.
   * Each lookup counts as wrong until it is answered otherwise, so lookups sent all at once cannot get past the
   * limits together.
   */
  async lookup(body: DossierLookupBody, source: string): Promise<DossierLookup> {
    const codeKey = `code:${body.code}`;
    if (!this.limiter.take(codeKey, this.limits.perCode)) fail('LAYSO_DOSSIER_LOOKUP_LIMIT');
    if (!this.limiter.take(source, this.limits.perSource)) {
      this.limiter.refund(codeKey);
      fail('LAYSO_DOSSIER_LOOKUP_LIMIT');
    }
    let answer: DossierLookup | null = null;
    try {
      answer = await this.decide(body);
      return answer;
    } finally {
      // Not a wrong try: answered with the dossier or as another center's, or not answered at all (ours failed).
      if (answer === null || !WRONG_TRY.has(answer.state)) {
        this.limiter.refund(codeKey);
        this.limiter.refund(source);
      }
    }
  }

  private async decide(body: DossierLookupBody): Promise<DossierLookup> {
    if (this.o.store.dossiers.byCode(body.code) === null && !this.isOurs(body.code)) {
      return this.answer(body.code, 'other_center', null, false);
    }
    const pulled = await this.pull(body.code);
    const d = this.o.store.dossiers.byCode(body.code);
    if (d !== null && d.proofId === null && d.proofPhone === null) {
      return this.answer(body.code, 'unverifiable', d, pulled.kind === 'status');
    }
    if (d !== null && proves(d, body.proof)) {
      return this.answer(body.code, lookupState(d, this.o.clock.now()), d, pulled.kind === 'status');
    }
    return this.answer(body.code, 'no_match', null, false);
  }

  /** One dossier as staff read it, refreshed from the province when it answers within the budget. */
  async record(code: string): Promise<DossierRecord> {
    await this.pull(code);
    const d = this.o.store.dossiers.byCode(code) ?? fail('LAYSO_DOSSIER_NOT_FOUND');
    return this.recordOf(d);
  }

  /** A register row in the staff's words (names of the procedure, service and receiving officer). */
  recordOf(d: DossierRow): DossierRecord {
    const { catalogue, accounts } = this.o.store;
    const iso = (t: Date | null) => (t ? toIso(t) : null);
    return {
      code: d.code,
      procedureId: d.procedureId,
      procedureName: d.procedureId !== null ? (catalogue.procedure(d.procedureId)?.name ?? null) : null,
      serviceId: d.serviceId,
      serviceName: d.serviceId !== null ? (catalogue.service(d.serviceId)?.name ?? null) : null,
      channel: d.channel,
      receivedAt: iso(d.receivedAt),
      appointmentAt: iso(d.appointmentAt),
      status: d.status,
      statusSource: d.statusSource,
      statusLearntAt: toIso(d.statusLearntAt),
      reason: d.reason,
      returnPlace: d.returnPlace,
      resultReadyAt: iso(d.resultReadyAt),
      returnedAt: iso(d.returnedAt),
      collectedBy: d.collectedBy,
      collectorName: d.collectorName,
      originalsReturned: d.originalsReturned,
      receivingOfficer:
        d.receivingOfficerId !== null ? (accounts.user(d.receivingOfficerId)?.displayName ?? null) : null,
      receivingTicketId: d.receivingTicketId,
      returnTicketId: d.returnTicketId,
      overdue: isOverdue(d, this.o.clock.now()),
      provable: d.proofId !== null || d.proofPhone !== null,
    };
  }

  /**
   * Asks the province for `code` within the budget and files what it said in the register — for a dossier the
   * register holds only: a lookup of any other code the province knows must not add it (another center's code
   * would become "ours", and an anonymous caller could fill the overdue lists). An adapter that ignores the abort
   * is not waited for past the budget either.
   */
  async pull(code: string): Promise<Pulled> {
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<Pulled>((resolve) => {
      timer = setTimeout(() => {
        abort.abort();
        resolve({ kind: 'unavailable' });
      }, this.budgetMs);
    });
    const asked = this.o
      .province()
      .fetchStatus(code, abort.signal)
      .then(
        (s): Pulled => (s ? { kind: 'status', status: s } : { kind: 'unknown' }),
        // StatusUnavailable, an abort, or an adapter's bug: the register answers either way.
        (): Pulled => ({ kind: 'unavailable' }),
      );
    try {
      const pulled = await Promise.race([asked, late]);
      // A status for another code than asked is not this dossier's.
      if (pulled.kind === 'status' && pulled.status.MaHoSo === code) {
        this.file(pulled.status);
        return pulled;
      }
      return pulled.kind === 'status' ? { kind: 'unavailable' } : pulled;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Files a pulled status. Storage refusing the write (a full disk, a read-only file) does not fail the lookup:
   * the register answers with what it held, and the refusal is logged without the code or any personal data.
   */
  private file(status: ProvincialStatus): void {
    try {
      this.o.store.transaction(() =>
        applyDossierStatus(this.o.store, this.o.planner ?? null, status, 'pull', this.o.clock.now()),
      );
    } catch (e) {
      const code = rawCodeOf(e);
      const problem = storageProblemOf(code);
      if (problem === null) throw e;
      this.o.log?.warn({ problem, code }, 'dossier status pulled but not stored');
    }
  }

  /** A code of this center's agency, or of one the register holds dossiers of. */
  private isOurs(code: string): boolean {
    const parsed = parseDossierCode(code);
    if (!parsed.ok) return false;
    const { agency } = parsed.value;
    return agency === this.o.settings().agencyId || this.o.store.dossiers.knowsAgency(agency);
  }

  private answer(
    code: string,
    state: DossierLookupState,
    d: DossierRow | null,
    fresh: boolean,
  ): DossierLookup {
    const proven = d !== null && PROVEN.has(state);
    const iso = (t: Date | null) => (proven && t ? toIso(t) : null);
    const service = this.ticketService(state, d);
    return {
      code,
      state,
      status: proven ? d.status : null,
      procedureName:
        proven && d.procedureId !== null
          ? (this.o.store.catalogue.procedure(d.procedureId)?.name ?? null)
          : null,
      appointmentAt: iso(d?.appointmentAt ?? null),
      resultReadyAt: iso(d?.resultReadyAt ?? null),
      returnPlace: proven ? d.returnPlace : null,
      reason: proven ? d.reason : null,
      learntAt: proven ? toIso(d.statusLearntAt) : null,
      fresh: proven && fresh,
      ticketServiceId: service?.id ?? null,
      ticketServiceName: service?.name ?? null,
    };
  }

  /**
   * Where the citizen takes a ticket: a ready result to the returns service (the setting; else the service that
   * received it); anything else to ask the receiving service; an unproven code only to the returns service.
   */
  private ticketService(
    state: DossierLookupState,
    d: DossierRow | null,
  ): { id: number; name: string } | null {
    const open = (id: number | null) => {
      const s = id !== null ? this.o.store.catalogue.service(id) : null;
      return s?.active ? { id: s.id, name: s.name } : null;
    };
    const returns = open(this.o.settings().returnsServiceId);
    const receiving = d !== null && PROVEN.has(state) ? open(d.serviceId) : null;
    return state === 'ready' ? (returns ?? receiving) : (receiving ?? returns);
  }
}
