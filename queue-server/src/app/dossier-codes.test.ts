import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { formatDossierCode, parseDossierCode } from '@layso/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.js';
import { Store } from '../db/store.js';
import { ALWAYS_OPEN } from '../domain/testing.js';
import { serviceDay, vnInstant } from '../domain/time.js';
import { DEFAULT_POLICY } from '../domain/types.js';
import { AppError } from '../errors.js';
import { ManualClock } from '../testing/harness.js';
import { QueueService } from './queue.js';

const AGENCY = '000.00.12.H62';
const OFFICER = 1;

let dir: string;
let store: Store;
let clock: ManualClock;
let queue: QueueService;
let serviceId: number;
let counterId: number;

function open(agencyId: string | null = AGENCY): void {
  store = new Store(openDatabase(join(dir, 'queue.db')));
  queue = new QueueService(store, clock, DEFAULT_POLICY, 'http://127.0.0.1:8080', { agencyId });
}

/** Closes the database file and opens it again, as a restart (or a crash: every finish committed on return). */
function reopen(agencyId: string | null = AGENCY): void {
  store.db.close();
  open(agencyId);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'layso-dossier-'));
  // Monday 2026-11-30, 08:00 in Vietnam.
  clock = new ManualClock(vnInstant('2026-11-30', 8 * 60));
  open();
  store.transaction(() => {
    serviceId = store.catalogue.saveService({
      code: 'TP',
      name: 'Sở Tư pháp',
      nameEn: 'Justice',
      numberFormat: { prefix: '2', digits: 3 },
      dailyCap: 999,
      hours: ALWAYS_OPEN,
      active: true,
    });
    store.accounts.addUser({
      username: 'canbo01',
      displayName: 'Cán bộ',
      role: 'officer',
      passwordHash: 'x',
      counterId: null,
    });
    counterId = store.counters.add(1, 'Quầy 1', [serviceId]);
  });
  queue.occupy(counterId, OFFICER);
});
afterEach(() => {
  store.db.close();
  rmSync(dir, { recursive: true, force: true });
});

const actor = () => ({ counterId, officerId: OFFICER });

/** A citizen takes a number, is called, and the officer finishes with `outcome` and the typed `code`, if any. */
function visit(outcome: 'received' | 'returned' | 'guidance' = 'received', code?: string) {
  queue.issue({ serviceId }, null);
  const t = queue.callNext(actor()).value!;
  return () =>
    queue.finish(
      t.id,
      outcome === 'guidance' ? { outcome } : { outcome, dossier: code ? { code } : {} },
      actor(),
    ).value;
}
const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'none';
};
const lastSeq = () =>
  store.db.prepare('SELECT day, last_seq FROM dossier_days WHERE agency = ? ORDER BY day').all(AGENCY);

describe('generated dossier codes', () => {
  it('gives a received dossier without a code the next code of the agency and Vietnam day, in order', () => {
    const codes = [1, 2, 3].map(() => visit()().dossierCode);
    expect(codes).toEqual([`${AGENCY}-261130-0001`, `${AGENCY}-261130-0002`, `${AGENCY}-261130-0003`]);
    // The code is what went to the provincial outbox, and the running number is kept with it.
    const outbox = store.db.prepare('SELECT dossier_code FROM outbox ORDER BY id').all();
    expect(outbox).toEqual(codes.map((dossier_code) => ({ dossier_code })));
    expect(lastSeq()).toEqual([{ day: '2026-11-30', last_seq: 3 }]);
    expect(queue.counterQueue(counterId).dossierCodes).toBe('generated');
  });

  it('starts again at 0001 on the next Vietnam day, at Vietnam midnight (17:00 UTC)', () => {
    clock.set(vnInstant('2026-11-30', 23 * 60 + 59));
    expect(visit()().dossierCode).toBe(`${AGENCY}-261130-0001`);
    clock.set(vnInstant('2026-12-01', 1));
    expect(clock.now().toISOString()).toBe('2026-11-30T17:01:00.000Z');
    expect(visit()().dossierCode).toBe(`${AGENCY}-261201-0001`);
    expect(visit()().dossierCode).toBe(`${AGENCY}-261201-0002`);
  });

  it('never hands out a code twice across a close and reopen of the database file', () => {
    visit()();
    visit()();
    reopen();
    expect(visit()().dossierCode).toBe(`${AGENCY}-261130-0003`);
    // A refused finish changes nothing: the next one gets 0004.
    const t = visit();
    reopen();
    expect(refusal(() => queue.finish(999_999, { outcome: 'received' }, actor()))).toBe(
      'LAYSO_TICKET_NOT_FOUND',
    );
    expect(t().dossierCode).toBe(`${AGENCY}-261130-0004`);
  });

  it('skips a number a typed code of that day already holds, and refuses a typed code already generated', () => {
    visit('received', `${AGENCY}-261130-0002`)();
    visit('received', '000.00.13.H62-261130-0001')(); // another agency's numbers are its own
    expect(visit()().dossierCode).toBe(`${AGENCY}-261130-0001`);
    expect(visit()().dossierCode).toBe(`${AGENCY}-261130-0003`);
    expect(refusal(visit('received', `${AGENCY}-261130-0003`))).toBe('LAYSO_CONFLICT');
  });

  it('still takes a typed code when one is given, and a returned dossier always needs its code', () => {
    expect(visit('received', ` ${AGENCY.toLowerCase()}-261129-0042 `)().dossierCode).toBe(
      `${AGENCY}-261129-0042`,
    );
    expect(refusal(visit('returned'))).toBe('LAYSO_DOSSIER_REQUIRED');
    const ticket = store.counters.byId(counterId)!.currentTicketId!;
    expect(store.tickets.byId(ticket)).toMatchObject({ status: 'called', dossierCode: null });
    expect(
      queue.finish(ticket, { outcome: 'returned', dossier: { code: `${AGENCY}-261129-0042` } }, actor())
        .value,
    ).toMatchObject({ outcome: 'returned', dossierCode: `${AGENCY}-261129-0042` });
    expect(visit('guidance')().dossierCode).toBeNull();
    expect(lastSeq()).toEqual([]);
  });

  it('without an agency identifier, a received dossier needs a typed code', () => {
    reopen(null);
    expect(queue.counterQueue(counterId).dossierCodes).toBe('typed');
    expect(refusal(visit('received'))).toBe('LAYSO_DOSSIER_REQUIRED');
  });

  it('refuses a typed code that is not a dossier code and changes nothing', () => {
    const finish = visit('received', `${AGENCY}-261131-0001`);
    const before = store.db.prepare('SELECT count(*) AS n FROM outbox').get();
    expect(refusal(finish)).toBe('LAYSO_DOSSIER_CODE_INVALID');
    expect(store.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual(before);
    expect(store.tickets.byId(store.counters.byId(counterId)!.currentTicketId!)?.status).toBe('called');
    expect(lastSeq()).toEqual([]);
  });

  it('property: codes are unique, and each generated one is the first free number after the last generated', () => {
    type Op =
      { kind: 'generate' } | { kind: 'typed'; seq: number } | { kind: 'reopen' } | { kind: 'nextDay' };
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 5, arbitrary: fc.constant<Op>({ kind: 'generate' }) },
      { weight: 3, arbitrary: fc.integer({ min: 1, max: 12 }).map<Op>((seq) => ({ kind: 'typed', seq })) },
      { weight: 1, arbitrary: fc.constant<Op>({ kind: 'reopen' }) },
      { weight: 1, arbitrary: fc.constant<Op>({ kind: 'nextDay' }) },
    );
    let run = 0;
    fc.assert(
      fc.property(fc.array(op, { maxLength: 14 }), (ops) => {
        // Each run on its own days, far from the others.
        run += 1;
        let day = vnInstant('2027-01-01', 8 * 60).getTime() + run * 40 * 86_400_000;
        clock.set(new Date(day));
        const held = new Set<string>();
        let lastGenerated = 0;
        for (const o of ops) {
          if (o.kind === 'reopen') reopen();
          else if (o.kind === 'nextDay') {
            day += 86_400_000;
            clock.set(new Date(day));
            lastGenerated = 0;
          } else if (o.kind === 'typed') {
            const code = formatDossierCode(AGENCY, serviceDay(clock.now()), o.seq);
            const finish = visit('received', code);
            if (held.has(code)) {
              expect(refusal(finish)).toBe('LAYSO_CONFLICT');
              // The refused ticket stays at the counter: finish it as guidance.
              queue.finish(
                store.counters.byId(counterId)!.currentTicketId!,
                { outcome: 'guidance' },
                actor(),
              );
            } else {
              finish();
              held.add(code);
            }
          } else {
            const code = visit()().dossierCode!;
            const parsed = parseDossierCode(code);
            expect(parsed.ok).toBe(true);
            const seq = parsed.ok ? parsed.value.seq : 0;
            expect(held.has(code)).toBe(false);
            expect(seq).toBeGreaterThan(lastGenerated);
            // Every number between the last generated one and this one was held by a typed code.
            for (let s = lastGenerated + 1; s < seq; s += 1) {
              expect(held.has(code.replace(/-\d+$/, `-${String(s).padStart(4, '0')}`))).toBe(true);
            }
            lastGenerated = seq;
            held.add(code);
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});
