import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ERRORS,
  Handshake,
  HourMinute,
  IssueTicketBody,
  NAMESPACES,
  TicketCalled,
  WeeklyHours,
  errorMessage,
  type CounterClientToServer,
  type CounterServerToClient,
  type DisplayServerToClient,
  type Namespaces,
  type Rating,
  type RatingReason,
} from './index.js';

describe('REST schemas', () => {
  it('accept a kiosk request and store text in NFC', () => {
    const decomposed = 'Nguye\u0302\u0303n Va\u0306n A'; // "Nguyễn Văn A" typed with combining marks
    const body = IssueTicketBody.parse({ serviceId: 1, intake: { consent: true, fullName: decomposed } });
    expect(body.intake?.fullName).toBe('Nguyễn Văn A'.normalize('NFC'));
    expect(body.intake?.fullName).toBe(body.intake?.fullName?.normalize('NFC'));
  });

  it('refuse unknown keys, intake without consent, and malformed phones and IDs', () => {
    expect(IssueTicketBody.safeParse({ serviceId: 1, admin: true }).success).toBe(false);
    expect(IssueTicketBody.safeParse({ serviceId: 1, intake: { fullName: 'A' } }).success).toBe(false);
    const intake = (x: object) =>
      IssueTicketBody.safeParse({ serviceId: 1, intake: { consent: true, ...x } }).success;
    expect(intake({ phone: '0912345678' })).toBe(true);
    expect(intake({ phone: '+84912345678' })).toBe(true);
    expect(intake({ phone: '0212345678' })).toBe(false);
    expect(intake({ idNumber: '086190000123' })).toBe(true);
    expect(intake({ idNumber: '08619000012' })).toBe(false);
  });

  it('read opening hours with missing days closed and 24:00 as a close', () => {
    expect(WeeklyHours.safeParse({ '1': [{ open: '07:00', close: '11:30' }] }).success).toBe(true);
    expect(WeeklyHours.safeParse({ '1': [{ open: '11:30', close: '07:00' }] }).success).toBe(false);
    expect(WeeklyHours.safeParse({ '8': [] }).success).toBe(false);
    expect(HourMinute.safeParse('24:00').success).toBe(true);
    expect(HourMinute.safeParse('24:01').success).toBe(false);
  });
});

describe('errors', () => {
  it('every code has a 4xx/5xx status and both languages', () => {
    for (const [code, e] of Object.entries(ERRORS)) {
      expect(e.status, code).toBeGreaterThanOrEqual(400);
      expect(e.vi, code).not.toBe(e.en);
      expect(e.vi.normalize('NFC'), code).toBe(e.vi);
      expect(errorMessage(code as keyof typeof ERRORS)).toBe(`${e.vi} / ${e.en}`);
    }
  });
});

describe('realtime contract', () => {
  it('pins the event maps the server and clients share', () => {
    expectTypeOf<Parameters<DisplayServerToClient['ticket:called']>[0]>().toEqualTypeOf<TicketCalled>();
    expectTypeOf<Parameters<CounterClientToServer['rating:submit']>[0]>().toEqualTypeOf<{
      ticketId: number;
      rating: Rating;
      reason?: RatingReason | null | undefined;
    }>();
    expectTypeOf<CounterServerToClient>().toHaveProperty('rating:request');
    expectTypeOf<Namespaces['/display']['s2c']>().toEqualTypeOf<DisplayServerToClient>();
    expect([...NAMESPACES]).toEqual(['/display', '/counter', '/kiosk', '/admin']);
  });

  it('validates the handshake and the ticket:called payload', () => {
    expect(Handshake.safeParse({ token: 'k_x', serviceId: 3 }).success).toBe(true);
    expect(Handshake.safeParse({ token: '' }).success).toBe(false);
    const e = {
      ticketId: 1,
      number: '1005',
      counterId: 3,
      counterName: 'Quầy 3',
      counterNumber: 3,
      serviceId: 1,
      calledAt: '2026-11-28T10:05:00.000+07:00',
      recall: 0,
      seq: 7,
    };
    expect(TicketCalled.parse(e)).toEqual(e);
    expect(TicketCalled.safeParse({ ...e, seq: 0 }).success).toBe(false);
  });
});
