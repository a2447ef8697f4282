import {
  DOSSIER_STATUS_CODES,
  type NoticeChannel,
  type NoticeEvent,
  type ProvincialStatus,
} from '@layso/protocol';
import type { DossierRow, Store, TicketRow } from '../db/store.js';
import { HubFacts } from '../hub/facts.js';
import { aheadThresholdFor, readNoticeConfig, type NoticeConfig } from './settings.js';

/**
 * Plans notices inside the transaction that caused them (issue 19): a call, a recall, the queue moving (N ahead,
 * once per ticket), a dossier's result ready. Each notice gets one row per channel and recipient, keyed
 * `t<ticket>:<event>[:n]` or `d<dossier>:<event>`, so a repeat of the same cause plans nothing twice. Rows hold the
 * template's values (number, counter, service …), never a recipient's data: that is looked up when it goes out.
 */
export class NoticePlanner {
  constructor(
    private readonly store: Store,
    private readonly centerName: () => string,
  ) {}

  /** The ticket was called (event 'called') or recalled (its n-th recall). */
  called(t: TicketRow, counterName: string, at: Date): void {
    const recall = t.recalls > 0;
    const event: NoticeEvent = recall ? 'recalled' : 'called';
    const key = recall ? `t${t.id}:recalled:${t.recalls}` : `t${t.id}:called`;
    this.toTicket(t, event, key, { number: t.number, counter: counterName, service: this.service(t) }, at);
  }

  /**
   * The queue of a service-day moved (a call, a transfer in, a ticket leaving): each followed ticket now within its
   * service's "N ahead" is told so, once. `aheadOf` gives a waiting ticket's live people-ahead.
   */
  queueMoved(day: string, serviceId: number, aheadOf: (t: TicketRow) => number, at: Date): void {
    this.refreshAhead(day, serviceId, aheadOf);
    const ids = this.store.notices.aheadCandidates(day, serviceId);
    if (ids.length === 0) return;
    const config = readNoticeConfig(this.store);
    const threshold = aheadThresholdFor(config, serviceId);
    for (const id of ids) {
      const t = this.store.tickets.byId(id);
      if (!t) continue;
      const ahead = aheadOf(t);
      if (ahead > threshold) continue;
      this.toTicket(
        t,
        'ahead',
        `t${t.id}:ahead`,
        { number: t.number, ahead: String(ahead), service: this.service(t) },
        at,
        config,
      );
    }
  }

  /**
   * An "N ahead" planned but not out yet (the provider down, quiet hours) carries the figure as it is now, not as it
   * was at planning: after an outage "còn 5 người" must not go out when 1 remains. People-ahead only falls through a
   * queue move (a call, a ticket leaving), and each one comes here in its transaction, so the dispatcher sends the
   * live figure; a ticket no longer waiting is dropped by its staleness check.
   */
  private refreshAhead(day: string, serviceId: number, aheadOf: (t: TicketRow) => number): void {
    for (const n of this.store.notices.unsentAhead(day, serviceId)) {
      const t = n.ticketId === null ? null : this.store.tickets.byId(n.ticketId);
      if (!t || t.status !== 'waiting') continue;
      const ahead = String(aheadOf(t));
      if (n.params.ahead !== ahead) this.store.notices.setParams(n.id, { ...n.params, ahead });
    }
  }

  /** A ticket transferred: its followers follow the new ticket (its own notices start afresh). */
  transferred(from: TicketRow, to: TicketRow): void {
    this.store.pushSubscriptions.move(from.id, to.id);
  }

  /** A dossier's status changed: "result ready" when it becomes 9 (processed), told to its receiving ticket's followers. */
  dossierStatus(before: number | null, after: DossierRow, at: Date): void {
    if (after.status !== DOSSIER_STATUS_CODES.processed || before === after.status) return;
    if (after.receivingTicketId === null) return;
    const t = this.store.tickets.byId(after.receivingTicketId);
    if (!t) return;
    this.toTicket(
      t,
      'result_ready',
      `d${after.code}:result_ready`,
      { dossier: after.code, place: after.returnPlace ?? this.centerName() },
      at,
      undefined,
      after.code,
    );
  }

  /**
   * A booking's one-time code (issue 21), to the phone being confirmed: target 'o<challenge>' (the phone is read
   * from `booking_otps` when it goes). Urgent: quiet hours do not hold it.
   */
  bookingCode(otpId: string, code: string, minutes: number, at: Date): void {
    const params = { code, minutes: String(minutes), center: this.centerName() };
    this.toBookingPhone('booking_code', `o${otpId}:booking_code`, `o${otpId}`, params, at, at);
  }

  /**
   * A booking's reminder, due at `dueAt`: target 'b<booking>', keyed by the slot it reminds of, so a moved booking
   * plans afresh and the old slot's reminders are dropped as stale when they come due.
   */
  bookingReminder(
    bookingId: number,
    kind: string,
    slotStart: Date,
    values: { service: string; date: string; time: string; booking: string },
    at: Date,
    dueAt: Date,
  ): void {
    const key = `b${bookingId}:booking_reminder:${kind}:${slotStart.getTime()}`;
    const params = { ...values, center: this.centerName() };
    this.toBookingPhone('booking_reminder', key, `b${bookingId}`, params, at, dueAt);
  }

  /**
   * A feedback case was answered (issue 22), to the phone given with it: target 'f<case>' (the phone is read from the
   * case when it goes, so one erased by retention is not told). Once per case: a corrected answer plans nothing.
   */
  feedbackAnswered(caseId: number, code: string, at: Date): void {
    const params = { case: code, center: this.centerName() };
    this.toBookingPhone('feedback_answered', `f${caseId}:feedback_answered`, `f${caseId}`, params, at, at);
  }

  /**
   * The channel a notice to a phone alone goes by: ZNS when on, else SMS, else none (a booking's or a feedback case's
   * phone has no push subscription). What a citizen is promised reads this too, so nobody waits for a text that
   * cannot come.
   */
  phoneChannel(): Exclude<NoticeChannel, 'push'> | null {
    const { channels } = readNoticeConfig(this.store);
    return channels.zns.enabled ? 'zns' : channels.sms.enabled ? 'sms' : null;
  }

  private toBookingPhone(
    event: NoticeEvent,
    key: string,
    target: string,
    params: Record<string, string>,
    at: Date,
    dueAt: Date,
  ): void {
    const channel = this.phoneChannel();
    if (channel === null) return;
    this.store.notices.plan({
      key,
      event,
      channel,
      target,
      ticketId: null,
      dossierCode: null,
      params,
      at,
      dueAt,
    });
  }

  private toTicket(
    t: TicketRow,
    event: NoticeEvent,
    key: string,
    values: Record<string, string>,
    at: Date,
    given?: NoticeConfig,
    dossierCode: string | null = null,
  ): void {
    const subscriptions = this.store.pushSubscriptions.byTicket(t.id);
    const phone =
      t.intake?.consent === true && t.intake.phone !== undefined && t.intake.notices !== undefined;
    // Most tickets are followed by nobody: the call's transaction reads no settings for them.
    if (subscriptions.length === 0 && !phone) return;
    const config = given ?? readNoticeConfig(this.store);
    const params = { ...values, center: this.centerName() };
    const plan = (channel: NoticeChannel, target: string) =>
      this.store.notices.plan({ key, event, channel, target, ticketId: t.id, dossierCode, params, at });
    if (config.channels.push.enabled) for (const s of subscriptions) plan('push', `s${s.id}`);
    // ZNS first, SMS as its fallback (the dispatcher sends by SMS what ZNS could not deliver).
    if (phone) {
      if (config.channels.zns.enabled) plan('zns', 'phone');
      else if (config.channels.sms.enabled) plan('sms', 'phone');
    }
  }

  private service(t: TicketRow): string {
    return this.store.catalogue.service(t.serviceId)?.name ?? '';
  }
}

/** Applies a province's status to the register and plans "result ready" in the same transaction. */
export function applyDossierStatus(
  store: Store,
  planner: NoticePlanner | null,
  status: ProvincialStatus,
  source: 'push' | 'pull',
  at: Date,
): DossierRow | null {
  const before = store.dossiers.byCode(status.MaHoSo)?.status ?? null;
  // A signed push may file a dossier the register did not hold; a pull only updates one it holds (an anonymous
  // lookup must not write a row for any code the province knows).
  const after =
    source === 'push'
      ? store.dossiers.applyStatus(status, source, at)
      : store.dossiers.updateStatus(status, source, at);
  if (after) {
    planner?.dossierStatus(before, after, at);
    new HubFacts(store).dossier(before, after, at);
  }
  return after;
}
