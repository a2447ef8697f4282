import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NOTICE_CONSENT, type NoticeChannel } from '@layso/protocol';
import { QueueService } from '../app/queue.js';
import { openDatabase } from '../db/open.js';
import { Store } from '../db/store.js';
import { ALWAYS_OPEN } from '../domain/testing.js';
import { vnInstant } from '../domain/time.js';
import { DEFAULT_POLICY } from '../domain/types.js';
import { ManualClock } from '../testing/harness.js';
import type { NoticeAdapter, OutgoingNotice, SendResult } from './adapter.js';
import { Dispatcher } from './dispatcher.js';
import { NoticePlanner } from './planner.js';
import { readNoticeConfig, saveNoticeConfig } from './settings.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A fake provider that records what it was given and answers from `answer`. */
class Fake implements NoticeAdapter {
  readonly sent: OutgoingNotice[] = [];
  constructor(
    readonly channel: NoticeChannel,
    private readonly answer: (n: OutgoingNotice) => SendResult = () => 'sent',
  ) {}
  async send(n: OutgoingNotice): Promise<SendResult> {
    const r = this.answer(n);
    if (r === 'sent') this.sent.push(n);
    return r;
  }
}

/** One service, one counter, one officer; the dispatcher driven by hand (runOnce), on 2026-12-07 at `minutes`. */
function center(minutes = 9 * 60, pushAdapter?: NoticeAdapter) {
  dir = mkdtempSync(join(tmpdir(), 'layso-notices-'));
  const store = new Store(openDatabase(join(dir, 'queue.db')));
  const clock = new ManualClock(vnInstant('2026-12-07', minutes));
  const planner = new NoticePlanner(store, () => 'Trung tâm');
  const queue = new QueueService(store, clock, DEFAULT_POLICY, 'http://127.0.0.1:8080', { notices: planner });
  const serviceId = store.catalogue.saveService({
    code: 'TP',
    name: 'Sở Tư pháp',
    nameEn: null,
    numberFormat: { prefix: '2', digits: 3 },
    dailyCap: 100,
    hours: ALWAYS_OPEN,
    active: true,
  });
  store.accounts.addUser({
    username: 'cb',
    displayName: 'Cán bộ',
    role: 'officer',
    passwordHash: 'x',
    counterId: null,
  });
  const counterId = store.counters.add(1, 'Quầy 4', [serviceId]);
  queue.occupy(counterId, 1);
  const actor = { counterId, officerId: 1 };
  const push = new Fake('push');
  const dispatcher = new Dispatcher({
    store,
    clock,
    publicUrl: 'http://127.0.0.1:8080',
    adapters: (c) => (c === 'push' ? (pushAdapter ?? push) : null),
    random: () => 0,
  });
  /** A waiting ticket someone follows by push. */
  const followed = (): number => {
    const t = queue.issue({ serviceId }, null).value;
    store.pushSubscriptions.save(
      t.id,
      { endpoint: `https://push.example/s/${t.id}`, p256dh: 'k', auth: 'a', consentVersion: 'v1' },
      clock.now(),
    );
    return t.id;
  };
  /** "Result ready" of dossier `code` planned for ticket `t`'s browser. */
  const planResultReady = (t: number, code: string, key = `t${t}:result_ready`) =>
    store.notices.plan({
      key,
      event: 'result_ready',
      channel: 'push',
      target: `s${store.pushSubscriptions.byTicket(t)[0]?.id}`,
      ticketId: t,
      dossierCode: code,
      params: { dossier: code, place: 'Quầy 2' },
      at: clock.now(),
    });
  return { store, clock, queue, actor, push, dispatcher, followed, serviceId, planResultReady };
}

describe('notices dispatcher', () => {
  it('sends "called" with the counter', async () => {
    const { queue, actor, push, dispatcher, followed } = center();
    const first = followed();
    // Nobody ahead: subscribing late, "ahead" comes with the next queue move; here the call itself.
    queue.callNext(actor);
    await dispatcher.runOnce();
    expect(push.sent.map((n) => n.key)).toEqual([`t${first}:called`]);
    expect(push.sent[0]?.params).toEqual({ number: '2001', counter: 'Quầy 4', center: 'Trung tâm' });
    expect(push.sent[0]?.text).toBe('Mời số 2001 đến Quầy 4 - Trung tâm.');
  });

  it("never sends a ticket's notice to another ticket's browser that was given its subscription's id", async () => {
    const { store, clock, queue, actor, push, dispatcher, followed, serviceId } = center();
    const a = followed();
    const sub = store.pushSubscriptions.byTicket(a)[0];
    if (!sub) throw new Error('no subscription');
    queue.callNext(actor); // a called: its "called" waits in the outbox for s<id>
    // Before it went, a's browser turned notices off, and b's browser subscribed: SQLite gives the freed id again.
    store.pushSubscriptions.remove(a, sub.endpoint);
    const b = queue.issue({ serviceId }, null).value.id;
    store.pushSubscriptions.save(
      b,
      { endpoint: 'https://push.example/s/b', p256dh: 'k', auth: 'a', consentVersion: 'v1' },
      clock.now(),
    );
    expect(store.pushSubscriptions.byTicket(b)[0]?.id).toBe(sub.id);
    await dispatcher.runOnce();
    expect(push.sent).toEqual([]);
    expect(store.notices.forKey(`t${a}:called`)[0]?.lastError).toBe('unsubscribed');
  });

  it('sends at most 4 at once to one push service, and another service goes on meanwhile', async () => {
    /** Push services by host: slow.example answers only once `open()` is called. */
    class Services implements NoticeAdapter {
      readonly channel = 'push' as const;
      readonly sent: string[] = [];
      private inFlight = 0;
      maxInFlight = 0;
      private opened!: () => void;
      private readonly gate = new Promise<void>((resolve) => (this.opened = resolve));
      private fastSent!: () => void;
      readonly fast = new Promise<void>((resolve) => (this.fastSent = resolve));
      open(): void {
        this.opened();
      }
      async send(n: OutgoingNotice): Promise<SendResult> {
        if (n.recipient.kind !== 'push') return { dead: 'rejected', reason: 'not push' };
        const host = new URL(n.recipient.endpoint).host;
        if (host === 'slow.example') {
          this.inFlight += 1;
          this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
          await this.gate;
          this.inFlight -= 1;
        }
        this.sent.push(host);
        if (host === 'fast.example') this.fastSent();
        return 'sent';
      }
    }
    const services = new Services();
    const { store, clock, queue, dispatcher, serviceId, planResultReady } = center(9 * 60, services);
    const code = '000.00.01.H61-261207-0001';
    store.dossiers.applyStatus({ MaHoSo: code, TrangThaiHoSo: 9, NgayHenTra: null }, 'push', clock.now());
    // Ten browsers on one slow push service, then one on another: "result ready" for each, due in that order.
    for (const host of [...Array<string>(10).fill('slow.example'), 'fast.example']) {
      const t = queue.issue({ serviceId }, null).value.id;
      store.pushSubscriptions.save(
        t,
        { endpoint: `https://${host}/s/${t}`, p256dh: 'k', auth: 'a', consentVersion: 'v1' },
        clock.now(),
      );
      planResultReady(t, code);
    }
    const run = dispatcher.runOnce();
    // The fast service's notice goes while the slow one holds four attempts and six wait.
    await services.fast;
    expect(services.sent).toEqual(['fast.example']);
    expect(services.maxInFlight).toBe(4);
    services.open();
    await run;
    expect(services.sent.filter((h) => h === 'slow.example')).toHaveLength(10);
    expect(services.maxInFlight).toBe(4);
  });

  it('drops an "ahead" planned before its ticket was called, and counts it as dropped', async () => {
    const { store, queue, actor, push, dispatcher, followed } = center();
    const x = followed();
    const y = followed();
    queue.callNext(actor); // x called; y now 0 ahead: its "ahead" is planned
    const ahead = () => store.notices.forKey(`t${y}:ahead`)[0];
    expect(ahead()?.event).toBe('ahead');
    expect(ahead()?.droppedAt).toBeNull();
    queue.noShow(x, actor);
    queue.callNext(actor); // y called before its "ahead" went
    await dispatcher.runOnce();
    expect(ahead()?.droppedAt).not.toBeNull();
    expect(ahead()?.lastError).toBe('stale: called');
    // x's "called" (a no-show now) and y's "ahead": both counted for /metrics, neither sent.
    expect(dispatcher.stats('push').dropped).toBe(2);
    expect(push.sent.map((n) => n.key)).toEqual([`t${y}:called`]);
  });

  it("drops what is past its ticket's day, and an urgent notice over the daily quota", async () => {
    const { store, clock, queue, actor, push, dispatcher, followed } = center();
    const c = readNoticeConfig(store);
    saveNoticeConfig(store, {
      ...c,
      channels: { ...c.channels, push: { ...c.channels.push, dailyQuota: 1 } },
    });
    const a = followed();
    const b = followed();
    queue.callNext(actor); // a called; b now 0 ahead → "ahead"
    await dispatcher.runOnce();
    expect(push.sent.map((n) => n.key)).toEqual([`t${a}:called`]);
    expect(store.notices.forKey(`t${b}:ahead`)[0]?.lastError).toBe('daily quota reached');
    expect(store.notices.forKey(`t${b}:ahead`)[0]?.droppedAt).not.toBeNull();
    // The next morning nothing of yesterday goes out.
    saveNoticeConfig(store, c);
    queue.recall(a, actor);
    clock.set(vnInstant('2026-12-08', 8 * 60));
    await dispatcher.runOnce();
    expect(store.notices.forKey(`t${a}:recalled:1`)[0]?.lastError).toBe('stale: past its day');
    expect(push.sent).toHaveLength(1);
  });

  it('holds "result ready" through quiet hours and sends it when they end', async () => {
    const { store, clock, push, dispatcher, followed, planResultReady } = center(22 * 60);
    const t = followed();
    const code = '000.00.01.H61-261207-0001';
    store.dossiers.applyStatus({ MaHoSo: code, TrangThaiHoSo: 9, NgayHenTra: null }, 'push', clock.now());
    planResultReady(t, code, `d${code}:result_ready`);
    await dispatcher.runOnce();
    expect(push.sent).toHaveLength(0);
    const row = store.notices.forKey(`d${code}:result_ready`)[0];
    expect(row?.nextAttemptAt).toEqual(vnInstant('2026-12-08', 7 * 60));
    clock.set(vnInstant('2026-12-08', 7 * 60));
    await dispatcher.runOnce();
    expect(push.sent.map((n) => n.url)).toEqual([`http://127.0.0.1:8080/h/${encodeURIComponent(code)}`]);
  });

  it('keeps retrying through a provider outage without burying the notice, then sends it once', async () => {
    const { store, clock, queue, actor, followed } = center();
    let down = true;
    const flaky = new Fake('push', () => (down ? { retry: 'HTTP 503' } : 'sent'));
    const d = new Dispatcher({
      store,
      clock,
      publicUrl: 'http://x',
      adapters: () => flaky,
      maxStrikes: 2,
      random: () => 0,
    });
    const t = followed();
    queue.callNext(actor);
    for (let i = 0; i < 5; i += 1) {
      await d.runOnce();
      clock.advance(60_000);
    }
    const row = () => store.notices.forKey(`t${t}:called`)[0];
    expect(row()?.deadAt).toBeNull();
    expect(row()?.attempts).toBe(5);
    expect(d.health('push').state).toBe('failing');
    down = false;
    await d.runOnce();
    expect(row()?.sentAt).not.toBeNull();
    expect(flaky.sent).toHaveLength(1);
    expect(d.health('push').state).toBe('up');
  });

  it('holds only the notices of a push service that fails, for as long as it said; the others go', async () => {
    const { store, clock, queue, actor, followed } = center();
    const bad = new Set<string>();
    const push = new Fake('push', (n) =>
      n.recipient.kind === 'push' && bad.has(new URL(n.recipient.endpoint).origin)
        ? { retry: 'HTTP 503', after: 15 * 60_000 }
        : 'sent',
    );
    const d = new Dispatcher({ store, clock, publicUrl: 'http://x', adapters: () => push, random: () => 0 });
    const a = followed();
    const b = followed();
    store.pushSubscriptions.save(
      a,
      { endpoint: 'https://bad.example/s/a', p256dh: 'k', auth: 'a', consentVersion: 'v1' },
      clock.now(),
    );
    bad.add('https://bad.example');
    queue.callNext(actor); // a called (two subscriptions, one at the bad service); b "ahead"
    await d.runOnce();
    expect(push.sent.map((n) => n.key).sort()).toEqual([`t${a}:called`, `t${b}:ahead`]);
    const held = store.notices.forKey(`t${a}:called`).find((n) => n.sentAt === null);
    expect(held?.nextAttemptAt).toEqual(new Date(clock.now().getTime() + 15 * 60_000));
    // Later notices to the good service do not wait for the bad one.
    queue.recall(a, actor);
    await d.runOnce();
    expect(push.sent.map((n) => n.key)).toContain(`t${a}:recalled:1`);
    expect(push.sent.filter((n) => n.key === `t${a}:recalled:1`)).toHaveLength(1);
  });

  it('gives a notice up when its provider answers 429 for ever (a few tries, then each counts)', async () => {
    const { store, clock, queue, actor, followed } = center();
    const limited = new Fake('push', () => ({ retry: 'HTTP 429', after: 1000 }));
    const d = new Dispatcher({
      store,
      clock,
      publicUrl: 'http://x',
      adapters: () => limited,
      maxStrikes: 2,
      random: () => 0,
    });
    const t = followed();
    queue.callNext(actor);
    const row = () => store.notices.forKey(`t${t}:called`)[0];
    for (let i = 0; i < 10 && !row()?.deadAt; i += 1) {
      await d.runOnce();
      clock.advance(60_000);
    }
    expect(row()?.deadReason).toBe('HTTP 429 (2 attempts)');
    expect(row()?.attempts).toBe(4);
  });
});

describe('ZNS first, SMS when ZNS cannot deliver an urgent notice in time', () => {
  /** ZNS and SMS on, answered by fakes; tickets with a consented phone. */
  function phones(zns: Fake) {
    const c = center();
    const config = readNoticeConfig(c.store);
    const on = { enabled: true, credential: 'k', sender: 'TTHCC' };
    saveNoticeConfig(c.store, {
      ...config,
      channels: {
        ...config.channels,
        zns: { ...config.channels.zns, ...on, url: 'https://zns.example.vn', dailyQuota: 1 },
        sms: { ...config.channels.sms, ...on, url: 'https://sms.example.vn' },
      },
    });
    const sms = new Fake('sms');
    const d = new Dispatcher({
      store: c.store,
      clock: c.clock,
      publicUrl: 'http://x',
      adapters: (ch) => (ch === 'zns' ? zns : ch === 'sms' ? sms : null),
      random: () => 0,
    });
    const intake = {
      consent: true as const,
      phone: '0912345678',
      notices: { consentVersion: NOTICE_CONSENT.version },
    };
    const issue = () => c.queue.issue({ serviceId: c.serviceId, intake }, null).value.id;
    const zrow = (key: string) => c.store.notices.forKey(key).find((n) => n.channel === 'zns');
    return { ...c, sms, d, issue, zrow };
  }

  it('ZNS down: "called" goes by SMS once after the fallback delay, and never by ZNS after it is back', async () => {
    let down = true;
    const zns = new Fake('zns', () => (down ? { retry: 'HTTP 503' } : 'sent'));
    const { clock, queue, actor, sms, d, issue, zrow } = phones(zns);
    const t = issue();
    queue.callNext(actor);
    await d.runOnce();
    expect(zrow(`t${t}:called`)?.attempts).toBe(1);
    expect(sms.sent).toHaveLength(0);
    clock.advance(31_000);
    await d.runOnce();
    expect(sms.sent.map((n) => n.key)).toEqual([`t${t}:called`]);
    expect(zrow(`t${t}:called`)?.lastError).toBe('sent by SMS: ZNS failing');
    expect(d.stats('zns').fallback).toBe(1);
    down = false;
    clock.advance(60_000);
    await d.runOnce();
    expect(zns.sent).toHaveLength(0);
    expect(sms.sent).toHaveLength(1);
  });

  it('the local ZNS quota spent: an urgent notice goes by SMS instead of being dropped', async () => {
    const zns = new Fake('zns');
    const { queue, actor, sms, d, issue, zrow } = phones(zns);
    const a = issue();
    const b = issue();
    queue.callNext(actor); // a called (ZNS takes it: 1 of 1), b 0 ahead
    await d.runOnce();
    expect(zns.sent.map((n) => n.key)).toEqual([`t${a}:called`]);
    expect(sms.sent.map((n) => n.key)).toEqual([`t${b}:ahead`]);
    expect(zrow(`t${b}:ahead`)?.lastError).toBe('sent by SMS: ZNS daily quota reached');
  });

  it("an admin's retry of a dead ZNS notice never sends again what SMS delivered", async () => {
    let noZalo = true;
    const zns = new Fake('zns', () =>
      noZalo ? { dead: 'no_zalo', reason: 'ZNS -118: no Zalo account' } : 'sent',
    );
    const { store, clock, queue, actor, sms, d, issue, zrow } = phones(zns);
    const t = issue();
    queue.callNext(actor);
    await d.runOnce();
    expect(sms.sent.map((n) => n.key)).toEqual([`t${t}:called`]);
    const dead = zrow(`t${t}:called`);
    expect(dead?.deadAt).not.toBeNull();
    noZalo = false;
    expect(store.notices.retryDead(clock.now(), [dead?.id ?? 0], null)).toBe(0);
    expect(store.notices.retryDead(clock.now(), null, 'zns')).toBe(0);
    await d.runOnce();
    expect(zns.sent).toHaveLength(0);
    expect(zrow(`t${t}:called`)?.deadAt).not.toBeNull();
  });
});
