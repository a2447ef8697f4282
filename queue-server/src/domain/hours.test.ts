import { describe, expect, it } from 'vitest';
import { inIssuingWindow, issuingStatus, parseHourMinute, spansOn } from './hours.js';
import { vnInstant } from './time.js';
import { ALWAYS_OPEN, makeService, OFFICE_HOURS } from './testing.js';
import { DEFAULT_POLICY } from './types.js';

// Monday 2026-11-30 in Vietnam.
const monday = (hhmm: string, extraMs = 0): Date =>
  new Date(vnInstant('2026-11-30', parseHourMinute(hhmm)).getTime() + extraMs);
const policy = { stopIssuingMinutesBeforeClose: 15 };

describe('parseHourMinute', () => {
  it('reads HH:mm', () => {
    expect(parseHourMinute('00:00')).toBe(0);
    expect(parseHourMinute('07:30')).toBe(450);
    expect(parseHourMinute('23:59')).toBe(1439);
  });
  it('refuses anything else', () => {
    for (const bad of ['24:01', '7:30', '07:60', '', '07:30:00'])
      expect(() => parseHourMinute(bad)).toThrow();
  });
});

describe('issuingStatus', () => {
  const service = makeService({ hours: OFFICE_HOURS, dailyCap: 10 });

  it('issues inside a span', () => {
    expect(issuingStatus(service, monday('07:00'), 0, policy)).toEqual({ issuing: true });
    expect(issuingStatus(service, monday('09:00'), 0, policy)).toEqual({ issuing: true });
    expect(issuingStatus(service, monday('13:00'), 0, policy)).toEqual({ issuing: true });
  });

  it('is closed before opening, over lunch and after closing', () => {
    for (const t of ['06:59', '11:45', '12:59', '17:00', '20:00']) {
      expect(issuingStatus(service, monday(t), 0, policy)).toEqual({ issuing: false, reason: 'closed' });
    }
  });

  it('stops issuing stopIssuingMinutesBeforeClose before each close (inclusive at the minute)', () => {
    expect(issuingStatus(service, monday('11:15'), 0, policy).issuing).toBe(true);
    expect(issuingStatus(service, monday('11:15', 1), 0, policy).issuing).toBe(false);
    expect(issuingStatus(service, monday('16:45'), 0, policy).issuing).toBe(true);
    expect(issuingStatus(service, monday('16:46'), 0, policy).issuing).toBe(false);
    expect(issuingStatus(service, monday('16:59'), 0, { stopIssuingMinutesBeforeClose: 0 }).issuing).toBe(
      true,
    );
  });

  it('uses the Vietnam weekday: Saturday and Sunday are closed', () => {
    const saturday = vnInstant('2026-11-28', 9 * 60);
    const sunday = vnInstant('2026-11-29', 9 * 60);
    expect(issuingStatus(service, saturday, 0, policy)).toEqual({ issuing: false, reason: 'closed' });
    expect(issuingStatus(service, sunday, 0, policy)).toEqual({ issuing: false, reason: 'closed' });
    // Monday 07:30 Vietnam is Monday 00:30Z; Sunday 23:30Z is Monday 06:30 Vietnam (closed).
    expect(issuingStatus(service, new Date('2026-11-30T00:30:00Z'), 0, policy).issuing).toBe(true);
    expect(issuingStatus(service, new Date('2026-11-29T23:30:00Z'), 0, policy).issuing).toBe(false);
  });

  it('treats a missing weekday as closed', () => {
    const hours = { '1': [{ open: '07:00', close: '17:00' }] } as unknown as typeof OFFICE_HOURS;
    expect(spansOn(hours, 2)).toEqual([]);
    expect(issuingStatus(makeService({ hours }), vnInstant('2026-12-01', 600), 0, policy).issuing).toBe(
      false,
    );
    expect(issuingStatus(makeService({ hours }), monday('10:00'), 0, policy).issuing).toBe(true);
  });

  it('ignores a span whose close is not after its open', () => {
    const hours = { ...OFFICE_HOURS, '1': [{ open: '10:00', close: '09:00' }] };
    expect(inIssuingWindow(hours, monday('09:30'), 0)).toBe(false);
    expect(inIssuingWindow(hours, monday('10:30'), 0)).toBe(false);
  });

  it('reports the cap when issuedToday reached dailyCap', () => {
    expect(issuingStatus(service, monday('09:00'), 9, policy)).toEqual({ issuing: true });
    expect(issuingStatus(service, monday('09:00'), 10, policy)).toEqual({ issuing: false, reason: 'cap' });
    expect(issuingStatus(service, monday('09:00'), 11, policy)).toEqual({ issuing: false, reason: 'cap' });
  });

  it('reports inactive first, then closed, then cap', () => {
    const inactive = makeService({ active: false, hours: ALWAYS_OPEN, dailyCap: 1 });
    expect(issuingStatus(inactive, monday('09:00'), 5, policy)).toEqual({
      issuing: false,
      reason: 'inactive',
    });
    expect(issuingStatus(service, monday('20:00'), 50, policy)).toEqual({ issuing: false, reason: 'closed' });
  });

  it('works with the default policy', () => {
    expect(issuingStatus(service, monday('11:16'), 0, DEFAULT_POLICY).issuing).toBe(false);
  });
});

describe('round-the-clock spans', () => {
  const allDay = { '6': [{ open: '00:00', close: '24:00' }], '7': [{ open: '00:00', close: '24:00' }] };
  it('issue up to the last millisecond of the day and from the first of the next', () => {
    // Saturday 2026-11-28 23:59:59.999 and Sunday 00:00 in Vietnam.
    expect(inIssuingWindow(allDay, new Date('2026-11-28T16:59:59.999Z'), 15)).toBe(true);
    expect(inIssuingWindow(allDay, new Date('2026-11-28T17:00:00.000Z'), 15)).toBe(true);
    expect(parseHourMinute('24:00')).toBe(1440);
  });
  it('still stop before an ordinary close', () => {
    const hours = { '6': [{ open: '07:00', close: '11:30' }] };
    expect(inIssuingWindow(hours, new Date('2026-11-28T04:16:00.000Z'), 15)).toBe(false);
  });
});
