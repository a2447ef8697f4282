import { describe, expect, it } from 'vitest';
import type { FeedbackStaff } from '@layso/protocol';
import { staffOptions } from './feedback-directory.js';

const user = (id: number, displayName: string): FeedbackStaff => ({ id, displayName, role: 'officer' });

describe('the staff a feedback form offers', () => {
  it('are the active staff the server lists, and keep the one already chosen when no longer listed', () => {
    const users = [user(1, 'Lan'), user(3, 'Hoa')];
    expect(staffOptions(users, [{ id: 2, name: 'Minh' }])).toEqual([
      { id: 1, name: 'Lan' },
      { id: 3, name: 'Hoa' },
      { id: 2, name: 'Minh' },
    ]);
    expect(staffOptions(users, [{ id: null, name: null }]).map((u) => u.id)).toEqual([1, 3]);
  });

  it('name one recorded without a name by its number', () => {
    expect(staffOptions([], [{ id: 4, name: null }])).toEqual([{ id: 4, name: '#4' }]);
  });
});
