/** Small builders of domain values for tests (here and in the adapters' tests). Pure, no test framework. */
import type { WeeklyHours } from '@layso/protocol';
import { NOT_YET_CALLED } from './tickets.js';
import type { CounterState, ServiceRules, TicketState } from './types.js';

/** 07:00–11:30 and 13:00–17:00 Monday to Friday, closed at the weekend (a typical center). */
export const OFFICE_HOURS: WeeklyHours = {
  '1': [
    { open: '07:00', close: '11:30' },
    { open: '13:00', close: '17:00' },
  ],
  '2': [
    { open: '07:00', close: '11:30' },
    { open: '13:00', close: '17:00' },
  ],
  '3': [
    { open: '07:00', close: '11:30' },
    { open: '13:00', close: '17:00' },
  ],
  '4': [
    { open: '07:00', close: '11:30' },
    { open: '13:00', close: '17:00' },
  ],
  '5': [
    { open: '07:00', close: '11:30' },
    { open: '13:00', close: '17:00' },
  ],
  '6': [],
  '7': [],
};

/** Open round the clock every day. */
export const ALWAYS_OPEN: WeeklyHours = {
  '1': [{ open: '00:00', close: '24:00' }],
  '2': [{ open: '00:00', close: '24:00' }],
  '3': [{ open: '00:00', close: '24:00' }],
  '4': [{ open: '00:00', close: '24:00' }],
  '5': [{ open: '00:00', close: '24:00' }],
  '6': [{ open: '00:00', close: '24:00' }],
  '7': [{ open: '00:00', close: '24:00' }],
};

export function makeService(overrides: Partial<ServiceRules> = {}): ServiceRules {
  return {
    id: 1,
    numberFormat: { prefix: '1', digits: 3 },
    dailyCap: 500,
    hours: OFFICE_HOURS,
    active: true,
    ...overrides,
  };
}

export function makeCounter(overrides: Partial<CounterState> = {}): CounterState {
  return { id: 1, serviceIds: [1], paused: false, currentTicketId: null, ...overrides };
}

/** A waiting ticket; `queuedAt`/`issuedAt` default to a fixed instant. */
export function makeTicket(overrides: Partial<TicketState> = {}): TicketState {
  const at = new Date(Date.UTC(2026, 10, 30, 1, 0, 0));
  return {
    id: 1,
    serviceId: 1,
    seq: 1,
    priority: null,
    bookedFor: null,
    ...NOT_YET_CALLED,
    queuedAt: at,
    issuedAt: at,
    ...overrides,
  };
}
