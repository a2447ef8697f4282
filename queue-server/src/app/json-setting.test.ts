import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FEEDBACK_SETTINGS, FeedbackSettings } from '@layso/protocol';
import { migrate } from '../db/migrate.js';
import { Store } from '../db/store.js';
import { jsonSetting } from './json-setting.js';

function store(): Store {
  const db = new Database(':memory:');
  migrate(db);
  return new Store(db);
}

describe('a JSON setting', () => {
  const setting = jsonSetting('feedback-test', FeedbackSettings, DEFAULT_FEEDBACK_SETTINGS);

  it('reads the defaults until a value is saved, then the value saved', () => {
    const s = store();
    expect(setting.read(s)).toEqual(DEFAULT_FEEDBACK_SETTINGS);
    setting.save(s, { ...DEFAULT_FEEDBACK_SETTINGS, answerDays: 15 });
    expect(setting.read(s).answerDays).toBe(15);
  });

  it("refuses to save what the schema refuses, and reads a stored value today's rules refuse as the defaults", () => {
    const s = store();
    // Forwarding may not be due after the answer.
    expect(() =>
      setting.save(s, { ...DEFAULT_FEEDBACK_SETTINGS, forwardDays: 12, answerDays: 10 }),
    ).toThrow();
    expect(setting.read(s)).toEqual(DEFAULT_FEEDBACK_SETTINGS);
    s.settings.putCenterValue(
      'feedback-test',
      JSON.stringify({ ...DEFAULT_FEEDBACK_SETTINGS, answerDays: -1 }),
    );
    expect(setting.read(s)).toEqual(DEFAULT_FEEDBACK_SETTINGS);
  });

  it('gives a value stored before a field existed that field’s default (perAddressPerDay)', () => {
    const s = store();
    const { perAddressPerDay: _dropped, ...older } = { ...DEFAULT_FEEDBACK_SETTINGS, perSenderPerDay: 3 };
    s.settings.putCenterValue('feedback-test', JSON.stringify(older));
    expect(setting.read(s)).toMatchObject({ perSenderPerDay: 3, perAddressPerDay: 30 });
  });
});
