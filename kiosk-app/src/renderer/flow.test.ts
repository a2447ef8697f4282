import { describe, expect, it } from 'vitest';
import { IssueTicketBody, NOTICE_CONSENT } from '@layso/protocol';
import type { DossierLookup, ProcedureHit, Service, Ticket } from '@layso/protocol';
import type { CccdCard } from '../cccd/parse.js';
import {
  WELCOME,
  afterLookupLimit,
  flow,
  intakeFrom,
  issueBody,
  liveServices,
  resetsWhenIdle,
  type FlowAction,
  type FlowState,
} from './flow.js';
import { M } from './messages.js';
import { fieldProblem } from './screens/Intake.js';

const procedure = (serviceId: number | null): ProcedureHit => ({
  id: 42,
  code: '1.000894',
  name: 'Cấp Phiếu lý lịch tư pháp',
  serviceId,
  field: null,
  agency: null,
  level: null,
  processingTime: null,
  fee: null,
  score: 1,
});

describe('the ticket request a draft makes', () => {
  it('sends only what the citizen gave', () => {
    expect(issueBody({ serviceId: 5, procedure: null, priority: null, intake: null })).toEqual({
      serviceId: 5,
    });
    expect(
      issueBody({
        serviceId: 5,
        procedure: procedure(5),
        priority: 'elderly',
        intake: { fullName: 'Nguyễn Văn An', phone: '0912345678' },
      }),
    ).toEqual({
      serviceId: 5,
      procedureId: 42,
      priority: 'elderly',
      intake: { consent: true, fullName: 'Nguyễn Văn An', phone: '0912345678' },
    });
  });

  it('never sends a procedure of another service, nor empty details', () => {
    const body = issueBody({
      serviceId: 2,
      procedure: procedure(5),
      priority: null,
      intake: { fullName: '' },
    });
    expect(body).toEqual({ serviceId: 2 });
  });

  it('sends text notices with the consent version shown, and only with a phone', () => {
    const withPhone = issueBody({
      serviceId: 5,
      procedure: null,
      priority: null,
      intake: { phone: '0912345678', notices: true },
    });
    expect(withPhone.intake).toEqual({
      consent: true,
      phone: '0912345678',
      notices: { consentVersion: NOTICE_CONSENT.version },
    });
    expect(IssueTicketBody.parse(withPhone).intake?.notices?.consentVersion).toBe(NOTICE_CONSENT.version);
    const noPhone = issueBody({
      serviceId: 5,
      procedure: null,
      priority: null,
      intake: { fullName: 'Nguyễn Văn An', notices: true },
    });
    expect(noPhone.intake).toEqual({ consent: true, fullName: 'Nguyễn Văn An' });
    // The server refuses notices without a phone to send them to.
    expect(
      IssueTicketBody.safeParse({
        serviceId: 5,
        intake: { consent: true, notices: { consentVersion: NOTICE_CONSENT.version } },
      }).success,
    ).toBe(false);
  });
});

describe('live counts over the service list', () => {
  const service = {
    id: 1,
    name: 'Sở Tư pháp',
    waiting: 0,
    estimatedWaitMinutes: 0,
    issuing: true,
    notIssuingReason: null,
  } as Service;
  it('takes waiting and estimate from the stream; whether it issues stays as the server lists it', () => {
    const [s] = liveServices(
      [service],
      [{ id: 1, code: 'TP', name: 'Sở Tư pháp', waiting: 4, estimatedWaitMinutes: 12, issuing: false }],
    );
    expect(s).toMatchObject({ waiting: 4, estimatedWaitMinutes: 12, issuing: true, notIssuingReason: null });
    expect(liveServices([service], undefined)[0]).toBe(service);
  });
});

describe('details from a CCCD and checks a citizen understands', () => {
  it('takes the ID, the name when read, and the birth year', () => {
    const card = {
      idNumber: '086195001234',
      oldIdNumber: null,
      fullName: null,
      birthDate: '1950-03-15',
      gender: 'Nam' as const,
      address: null,
      issueDate: null,
    };
    expect(intakeFrom(card)).toEqual({ idNumber: '086195001234', birthYear: 1950 });
    expect(intakeFrom({ ...card, fullName: 'Trần Thị Bích', birthDate: null })).toEqual({
      idNumber: '086195001234',
      fullName: 'Trần Thị Bích',
    });
  });

  it('explains a wrong phone, ID or name, and accepts an empty one', () => {
    expect(fieldProblem('phone', '0912345678')).toBeNull();
    expect(fieldProblem('phone', '+84912345678')).toBeNull();
    expect(fieldProblem('phone', '0212345678')?.vi).toMatch(/10 chữ số/);
    expect(fieldProblem('idNumber', '08619500123')?.vi).toMatch(/12 chữ số/);
    expect(fieldProblem('fullName', 'Nguyễn Thị Ánh Tuyết')).toBeNull();
    expect(fieldProblem('fullName', 'An 2')?.vi).toMatch(/chữ cái/);
    expect(fieldProblem('phone', '')).toBeNull();
  });
});

describe('the screen transitions', () => {
  const card: CccdCard = {
    idNumber: '086195001234',
    oldIdNumber: null,
    fullName: 'Trần Thị Bích',
    birthDate: '1950-03-15',
    gender: 'Nữ',
    address: null,
    issueDate: null,
  };
  const ticket = { id: 7, number: '1005', serviceId: 5 } as Ticket;
  const run = (state: FlowState, ...actions: FlowAction[]) => actions.reduce(flow, state);
  /** A citizen on the confirm screen of service 5 with a priority, typed details and a scanned card. */
  const midway = run(
    WELCOME,
    { type: 'choose', serviceId: 5 },
    { type: 'priority', code: 'elderly' },
    { type: 'intake', intake: { fullName: 'Nguyễn Văn An', phone: '0912345678' } },
    { type: 'card', card, at: 1 },
    { type: 'refused', reason: { vi: 'Hết số', en: 'No numbers left' } },
  );

  it('starts on the welcome screen with nothing chosen', () => {
    expect(WELCOME).toEqual({
      step: { kind: 'welcome' },
      draft: null,
      issued: null,
      refusal: null,
      scan: null,
      notice: null,
      dossier: null,
      checkIn: null,
    });
    expect(resetsWhenIdle(WELCOME)).toBe(false);
  });

  it('a department tapped opens its confirm screen with a fresh draft', () => {
    const s = run(
      { ...WELCOME, notice: M.scanFirstChoose },
      { type: 'choose', serviceId: 5, procedure: procedure(5) },
    );
    expect(s.step).toEqual({ kind: 'confirm' });
    expect(s.draft).toEqual({ serviceId: 5, procedure: procedure(5), priority: null, intake: null });
    expect(s.notice).toBeNull();
    // Another department forgets what was said for the first one, and the card read for it.
    const other = flow(midway, { type: 'choose', serviceId: 2 });
    expect(other.draft).toEqual({ serviceId: 2, procedure: null, priority: null, intake: null });
    expect(other).toMatchObject({ scan: null, refusal: null });
  });

  it('the idle reset returns everything to the welcome screen and forgets typed details', () => {
    expect(midway.draft?.intake).toEqual({ fullName: 'Nguyễn Văn An', phone: '0912345678' });
    expect(midway.step).toEqual({ kind: 'intake' });
    expect(resetsWhenIdle(midway)).toBe(true);
    expect(flow(midway, { type: 'home' })).toEqual(WELCOME);
    // From the number too (the ticket screen's own countdown, or Done).
    const done = run(
      midway,
      { type: 'request' },
      { type: 'issued', issued: issued('printed') },
      { type: 'home' },
    );
    expect(done).toEqual(WELCOME);
  });

  it('the idle timeout is armed on every screen but the welcome and the number, or while a notice shows', () => {
    const on = (step: FlowState['step']) => resetsWhenIdle({ ...midway, step, notice: null });
    expect(on({ kind: 'search' })).toBe(true);
    expect(on({ kind: 'procedures', serviceId: 5 })).toBe(true);
    expect(on({ kind: 'procedure', procedure: procedure(5), back: { kind: 'search' } })).toBe(true);
    expect(on({ kind: 'confirm' })).toBe(true);
    expect(on({ kind: 'priority' })).toBe(true);
    expect(on({ kind: 'intake' })).toBe(true);
    expect(on({ kind: 'ticket' })).toBe(false);
    expect(on({ kind: 'welcome' })).toBe(false);
    expect(resetsWhenIdle({ ...WELCOME, notice: M.scanFirstChoose })).toBe(true);
  });

  it("shows the search, a procedure and the confirm screen's branches, but no draft screen without a draft", () => {
    const search = flow(WELCOME, { type: 'show', step: { kind: 'search' } });
    expect(search.step).toEqual({ kind: 'search' });
    const page = flow(search, {
      type: 'show',
      step: { kind: 'procedure', procedure: procedure(5), back: { kind: 'search' } },
    });
    expect(page.step).toMatchObject({ kind: 'procedure', back: { kind: 'search' } });
    expect(page.draft).toBeNull();
    for (const step of [
      { kind: 'confirm' },
      { kind: 'priority' },
      { kind: 'intake' },
      { kind: 'procedures', serviceId: 5 },
    ] as const) {
      expect(flow(WELCOME, { type: 'show', step })).toBe(WELCOME);
      expect(flow(midway, { type: 'show', step }).step).toEqual(step);
    }
  });

  it('taking a number from a procedure keeps the draft of the same department, else starts one', () => {
    const same = flow(midway, { type: 'take-procedure', procedure: procedure(5) });
    expect(same.step).toEqual({ kind: 'confirm' });
    expect(same.draft).toEqual({ ...midway.draft, procedure: procedure(5) });
    const other = flow(midway, { type: 'take-procedure', procedure: procedure(2) });
    expect(other.draft).toEqual({ serviceId: 2, procedure: procedure(2), priority: null, intake: null });
    expect(other.step).toEqual({ kind: 'confirm' });
    const fromSearch = flow(WELCOME, { type: 'take-procedure', procedure: procedure(5) });
    expect(fromSearch.draft).toEqual({ serviceId: 5, procedure: procedure(5), priority: null, intake: null });
    // A procedure no department receives cannot be taken.
    expect(flow(midway, { type: 'take-procedure', procedure: procedure(null) })).toBe(midway);
  });

  it('a priority picked goes back to the confirm screen with it', () => {
    const s = run(
      midway,
      { type: 'show', step: { kind: 'priority' } },
      { type: 'priority', code: 'disabled' },
    );
    expect(s.step).toEqual({ kind: 'confirm' });
    expect(s.draft?.priority).toBe('disabled');
    expect(s.draft?.intake).toEqual(midway.draft?.intake);
    expect(flow(WELCOME, { type: 'priority', code: 'elderly' })).toBe(WELCOME);
  });

  it('the details form saves, clears or is left, and the scanned card is let go each way', () => {
    const saved = flow(midway, { type: 'intake', intake: { idNumber: card.idNumber } });
    expect(saved).toMatchObject({ step: { kind: 'confirm' }, scan: null });
    expect(saved.draft?.intake).toEqual({ idNumber: card.idNumber });
    const cleared = flow(midway, { type: 'intake', intake: null });
    expect(cleared).toMatchObject({ step: { kind: 'confirm' }, scan: null });
    expect(cleared.draft?.intake).toBeNull();
    const left = flow(midway, { type: 'intake-back' });
    expect(left).toMatchObject({ step: { kind: 'confirm' }, scan: null });
    expect(left.draft).toEqual(midway.draft);
    expect(flow(WELCOME, { type: 'intake', intake: { phone: '0912345678' } })).toBe(WELCOME);
    expect(flow(WELCOME, { type: 'intake-back' })).toBe(WELCOME);
  });

  it('a card read opens the details form for a draft, and is not kept before a department is chosen', () => {
    const before = flow(WELCOME, { type: 'card', card, at: 5 });
    expect(before).toEqual({ ...WELCOME, notice: M.scanFirstChoose });
    const during = run(WELCOME, { type: 'choose', serviceId: 5 }, { type: 'card', card, at: 5 });
    expect(during.step).toEqual({ kind: 'intake' });
    expect(during.scan).toEqual({ card, at: 5 });
    // A second read starts the form afresh (its `at` keys the form).
    expect(flow(during, { type: 'card', card, at: 9 }).scan?.at).toBe(9);
  });

  it('a request clears the last refusal; a refusal stays on the confirm screen with the draft', () => {
    const confirm = flow(midway, { type: 'intake-back' });
    const sent = flow(confirm, { type: 'request' });
    expect(sent.refusal).toBeNull();
    expect(sent.draft).toEqual(confirm.draft);
    const refused = flow(sent, { type: 'refused', reason: { vi: 'Ngoài giờ', en: 'Closed' } });
    expect(refused).toMatchObject({ step: { kind: 'confirm' }, refusal: { vi: 'Ngoài giờ' } });
    expect(refused.draft).toEqual(confirm.draft);
  });

  it('a number issued shows the ticket and forgets the draft; the print result updates that ticket only', () => {
    const shown = flow(midway, { type: 'issued', issued: issued('printing') });
    expect(shown).toMatchObject({ step: { kind: 'ticket' }, draft: null, scan: null });
    expect(shown.issued).toEqual(issued('printing'));
    expect(flow(shown, { type: 'printed', ticketId: 7, ok: true }).issued?.print).toBe('printed');
    expect(flow(shown, { type: 'printed', ticketId: 7, ok: false }).issued?.print).toBe('failed');
    // A print that ends after the screen moved on to another number changes nothing.
    expect(flow(shown, { type: 'printed', ticketId: 8, ok: true })).toBe(shown);
    expect(flow(WELCOME, { type: 'printed', ticketId: 7, ok: true })).toBe(WELCOME);
  });

  function issued(print: 'printing' | 'printed') {
    return { ticket, print, priorityName: 'Người cao tuổi' } as const;
  }

  describe('"Nhận kết quả / Tra cứu hồ sơ"', () => {
    const CODE = '000.00.12.H62-201105-0004';
    const answer = (over: Partial<DossierLookup> = {}): DossierLookup => ({
      code: CODE,
      state: 'ready',
      status: 9,
      procedureName: 'Cấp Phiếu lý lịch tư pháp',
      appointmentAt: '2026-12-10T14:00:00+07:00',
      resultReadyAt: '2026-12-09T09:00:00+07:00',
      returnPlace: null,
      reason: null,
      learntAt: '2026-12-09T09:00:00+07:00',
      fresh: true,
      ticketServiceId: 5,
      ticketServiceName: 'Sở Tư pháp',
      ...over,
    });

    it('opens afresh from the welcome screen, forgetting a half-made choice', () => {
      const s = flow(midway, { type: 'show', step: { kind: 'dossier-code' } });
      expect(s).toEqual({ ...WELCOME, step: { kind: 'dossier-code' } });
      expect(resetsWhenIdle(s)).toBe(true);
    });

    it('a code typed or scanned asks for the proof, from any screen but a number shown', () => {
      const typed = run(
        WELCOME,
        { type: 'show', step: { kind: 'dossier-code' } },
        { type: 'dossier-code', code: CODE },
      );
      expect(typed).toEqual({
        ...WELCOME,
        step: { kind: 'dossier-proof' },
        dossier: { code: CODE, answer: null },
      });
      // A slip scanned in the middle of taking a number starts the lookup; the details typed are forgotten.
      expect(flow(midway, { type: 'dossier-code', code: CODE })).toEqual(typed);
      const showing = flow(midway, { type: 'issued', issued: issued('printed') });
      expect(flow(showing, { type: 'dossier-code', code: CODE })).toBe(showing);
    });

    it("shows the answer of this code only, and 'Nhập lại' asks the digits again", () => {
      const proof = flow(WELCOME, { type: 'dossier-code', code: CODE });
      const shown = flow(proof, {
        type: 'dossier-answer',
        answer: answer({ state: 'no_match', status: null }),
      });
      expect(shown.step).toEqual({ kind: 'dossier-answer' });
      expect(shown.dossier?.answer?.state).toBe('no_match');
      expect(
        flow(proof, { type: 'dossier-answer', answer: answer({ code: '000.00.12.H62-201105-0005' }) }),
      ).toBe(proof);
      // An answer that comes after the citizen left (home, the idle reset) is dropped.
      expect(flow(WELCOME, { type: 'dossier-answer', answer: answer() })).toBe(WELCOME);
      const again = flow(shown, { type: 'dossier-retry' });
      expect(again).toMatchObject({ step: { kind: 'dossier-proof' }, dossier: { code: CODE, answer: null } });
      expect(flow(WELCOME, { type: 'dossier-retry' })).toBe(WELCOME);
    });

    it('a refused proof stays on the proof screen; the ticket forgets the dossier', () => {
      const proof = flow(WELCOME, { type: 'dossier-code', code: CODE });
      const refused = flow(proof, { type: 'refused', reason: { vi: 'Quá nhiều lần', en: 'Too many' } });
      expect(refused.step).toEqual({ kind: 'dossier-proof' });
      const done = run(
        refused,
        { type: 'dossier-answer', answer: answer() },
        { type: 'issued', issued: issued('printing') },
      );
      expect(done).toMatchObject({ step: { kind: 'ticket' }, dossier: null, refusal: null });
    });

    it("a card read on the lookup's screens is not kept as anyone's details", () => {
      const proof = flow(WELCOME, { type: 'dossier-code', code: CODE });
      const card: CccdCard = {
        idNumber: '086195001234',
        oldIdNumber: null,
        fullName: 'Trần Thị Bích',
        birthDate: null,
        gender: 'Nữ',
        address: null,
        issueDate: null,
      };
      expect(flow(proof, { type: 'card', card, at: 3 })).toBe(proof);
    });

    it('a returns ticket is linked to its dossier', () => {
      expect(
        issueBody({ serviceId: 5, procedure: null, priority: null, intake: null, dossierCode: CODE }),
      ).toEqual({ serviceId: 5, dossierCode: CODE });
    });

    it('too many wrong tries: said on the proof screen, with a number to ask at the counter instead', () => {
      const proof = flow(WELCOME, { type: 'dossier-code', code: CODE });
      const reason = { vi: 'Bạn đã nhập sai nhiều lần', en: 'Too many wrong tries' };
      const limited = flow(proof, { type: 'dossier-limited', reason });
      expect(limited).toMatchObject({
        step: { kind: 'dossier-proof' },
        refusal: reason,
        dossier: { code: CODE, answer: null, limited: true },
      });
      // Only the proof screen of a lookup under way hears it (an answer late after the citizen left is dropped).
      expect(flow(WELCOME, { type: 'dossier-limited', reason })).toBe(WELCOME);
      // A new code or "Nhập lại" starts without the offer.
      expect(flow(limited, { type: 'dossier-code', code: CODE }).dossier).toEqual({
        code: CODE,
        answer: null,
      });
      // The offer taken: the returns service's confirm screen; its number is not linked to the unproven code.
      const chosen = flow(limited, afterLookupLimit(5, [returns]));
      expect(chosen).toMatchObject({ step: { kind: 'confirm' }, refusal: null, dossier: null });
      expect(chosen.draft && issueBody(chosen.draft)).toEqual({ serviceId: 5 });
    });

    const returns = {
      id: 5,
      name: 'Trả kết quả',
      waiting: 0,
      estimatedWaitMinutes: 0,
      issuing: true,
      notIssuingReason: null,
    } as Service;

    it("the number offered is the returns service's while it gives numbers, else the service list", () => {
      expect(afterLookupLimit(5, [returns])).toEqual({ type: 'choose', serviceId: 5 });
      // No returns service set, one the kiosk does not list, or one closed now: the citizen chooses.
      expect(afterLookupLimit(null, [returns])).toEqual({ type: 'home' });
      expect(afterLookupLimit(6, [returns])).toEqual({ type: 'home' });
      expect(afterLookupLimit(5, [{ ...returns, issuing: false, notIssuingReason: 'closed' }])).toEqual({
        type: 'home',
      });
      expect(flow(flow(WELCOME, { type: 'dossier-code', code: CODE }), { type: 'home' })).toBe(WELCOME);
    });
  });

  describe('"Góp ý, phản ánh"', () => {
    it('opens afresh, forgetting a half-made choice, and times out home like any screen', () => {
      const s = flow(midway, { type: 'show', step: { kind: 'feedback' } });
      expect(s).toEqual({ ...WELCOME, step: { kind: 'feedback' } });
      expect(resetsWhenIdle(s)).toBe(true);
      expect(flow(s, { type: 'home' })).toBe(WELCOME);
    });

    it('takes no card while a case is written: nothing is filled in, no notice interrupts', () => {
      const s = flow(WELCOME, { type: 'show', step: { kind: 'feedback' } });
      expect(flow(s, { type: 'card', card, at: 2 })).toBe(s);
    });
  });
});
