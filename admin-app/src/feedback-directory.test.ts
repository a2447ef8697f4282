import { describe, expect, it } from 'vitest';
import type { AdminUser } from '@layso/protocol';
import { staffOptions } from './feedback-directory.js';

const user = (id: number, displayName: string, active = true): AdminUser => ({
  id,
  username: `u${id}`,
  displayName,
  role: 'officer',
  counterId: null,
  homeCounterId: null,
  active,
});

describe('the staff a feedback form offers', () => {
  it('are the active accounts, and keep the one already chosen even when disabled or not listed', () => {
    const users = [user(1, 'Lan'), user(2, 'Minh', false), user(3, 'Hoa')];
    expect(staffOptions(users, [{ id: 2, name: 'Minh' }])).toEqual([
      { id: 1, name: 'Lan' },
      { id: 3, name: 'Hoa' },
      { id: 2, name: 'Minh' },
    ]);
    expect(staffOptions(users, [{ id: null, name: null }]).map((u) => u.id)).toEqual([1, 3]);
  });

  it('for a viewer who may not list staff, are only who is recorded (and themselves)', () => {
    expect(
      staffOptions(null, [
        { id: 9, name: 'Tiếp nhận' },
        { id: 4, name: null },
      ]),
    ).toEqual([
      { id: 9, name: 'Tiếp nhận' },
      { id: 4, name: '#4' },
    ]);
  });
});
