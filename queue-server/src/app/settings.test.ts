import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/open.js';
import { Store } from '../db/store.js';
import { DEFAULT_POLICY } from '../domain/types.js';
import { CenterSettingsStore, livePolicy, settingsFromConfig } from './settings.js';

let dir: string;
let db: Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'layso-center-settings-'));
  db = openDatabase(join(dir, 'queue.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const defaults = () =>
  settingsFromConfig(
    loadConfig({
      DATA_DIR: dir,
      AGENCY_ID: '000.00.12.h62',
      CENTER_NAME: ' Trung tâm ',
      RATING_SECONDS: '20',
    }),
  );

describe('CenterSettingsStore', () => {
  it('gives the environment until the admin saves, then the saved values, also to a new reader', () => {
    const env = defaults();
    expect(env).toMatchObject({ centerName: 'Trung tâm', agencyId: '000.00.12.H62', ratingSeconds: 20 });
    const store = new CenterSettingsStore(new Store(db), env);
    expect(store.get()).toEqual(env);
    const saved = store.save({ ...env, ratingSeconds: 45, agencyId: null });
    expect(saved).toMatchObject({ ratingSeconds: 45, agencyId: null });
    expect(store.get()).toBe(saved);
    expect(new CenterSettingsStore(new Store(db), env).get()).toEqual(saved);
  });

  it('skips a saved value that today’s rules refuse, and one it does not know', () => {
    db.prepare('INSERT INTO center_settings (key, value) VALUES (?, ?), (?, ?), (?, ?)').run(
      'ratingSeconds',
      '1',
      'retired',
      '"x"',
      'notice',
      '"Giờ mới"',
    );
    const store = new CenterSettingsStore(new Store(db), defaults());
    expect(store.get()).toMatchObject({ ratingSeconds: 20, notice: 'Giờ mới' });
    expect(store.get()).not.toHaveProperty('retired');
  });

  it('refuses to save what the schema refuses, and keeps what held', () => {
    const store = new CenterSettingsStore(new Store(db), defaults());
    const before = store.get();
    expect(() => store.save({ ...before, maxPriorityInRow: 0 })).toThrow();
    expect(store.get()).toBe(before);
    expect(db.prepare('SELECT count(*) AS n FROM center_settings').get()).toEqual({ n: 0 });
  });
});

describe('livePolicy', () => {
  it('follows maxPriorityInRow and hands out the same object until the settings change', () => {
    const store = new CenterSettingsStore(new Store(db), defaults());
    const policy = livePolicy(DEFAULT_POLICY, store);
    const first = policy();
    expect(first).toEqual({ ...DEFAULT_POLICY, maxPriorityInRow: store.get().maxPriorityInRow });
    expect(policy()).toBe(first);
    store.save({ ...store.get(), maxPriorityInRow: 5 });
    expect(policy().maxPriorityInRow).toBe(5);
    expect(policy().recallLimit).toBe(DEFAULT_POLICY.recallLimit);
  });
});
