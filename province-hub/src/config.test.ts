import { describe, expect, it } from 'vitest';
import { describeHubConfig, loadHubConfig } from './config.js';

describe("the hub's configuration", () => {
  it('takes defaults and the database from the environment', () => {
    const c = loadHubConfig({ DATABASE_URL: 'postgres://hub:s3cret@db.example:5432/hub' });
    expect(c).toMatchObject({ HOST: '127.0.0.1', PORT: 8090, HUB_POOL_SIZE: 10 });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('refuses to start without a database, naming the setting in both languages', () => {
    expect(() => loadHubConfig({})).toThrow(/DATABASE_URL.*bắt buộc.*required/s);
    expect(() => loadHubConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadHubConfig({ DATABASE_URL: 'postgres://x/y', PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('reads the trusted load balancers as addresses or CIDRs, and refuses a name', () => {
    const url = 'postgres://hub@db/hub';
    expect(loadHubConfig({ DATABASE_URL: url }).TRUST_PROXY).toEqual([]);
    expect(loadHubConfig({ DATABASE_URL: url, TRUST_PROXY: '10.0.0.5, 10.1.0.0/16' }).TRUST_PROXY).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
    ]);
    expect(() => loadHubConfig({ DATABASE_URL: url, TRUST_PROXY: 'lb.local' })).toThrow(/TRUST_PROXY/);
  });

  it('never prints the database password', () => {
    const shown = JSON.stringify(
      describeHubConfig(loadHubConfig({ DATABASE_URL: 'postgres://hub:s3cret@db:5432/hub' })),
    );
    expect(shown).not.toContain('s3cret');
    expect(shown).toContain('postgres://hub:***@db:5432/hub');
  });
});
