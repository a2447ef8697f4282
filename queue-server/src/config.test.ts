import { describe, expect, it } from 'vitest';
import { describeConfig, loadConfig } from './config.js';

describe('config', () => {
  it('takes defaults, then env, and masks secrets when printed', () => {
    const c = loadConfig({ PORT: '9000', PROVINCIAL_TOKEN: 'secret-token', DATA_DIR: '/tmp/x' });
    expect(c.PORT).toBe(9000);
    expect(c.HOST).toBe('0.0.0.0');
    expect(c.publicUrl).toBe('http://127.0.0.1:9000');
    expect(c.dbFile).toBe('/tmp/x/queue.db');
    expect(describeConfig(c).PROVINCIAL_TOKEN).toBe('***');
    expect(JSON.stringify(describeConfig(c))).not.toContain('secret-token');
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('joins a hub with HUB_URL and HUB_SITE_KEY together: https (http only to this machine, allowed), key masked', () => {
    const key = 'xa-tan-hanh.0123456789abcdef0123';
    const c = loadConfig({ HUB_URL: 'https://hub.vinhlong.gov.vn', HUB_SITE_KEY: key });
    expect(describeConfig(c).HUB_SITE_KEY).toBe('***');
    expect(JSON.stringify(describeConfig(c))).not.toContain('0123456789abcdef');
    expect(() => loadConfig({ HUB_URL: 'https://hub.vinhlong.gov.vn' })).toThrow(/HUB_SITE_KEY/);
    expect(() => loadConfig({ HUB_SITE_KEY: key })).toThrow(/HUB_URL/);
    expect(() => loadConfig({ HUB_URL: 'http://127.0.0.1:9', HUB_SITE_KEY: key })).toThrow(/HUB_URL.*https/);
    expect(
      loadConfig({ HUB_URL: 'http://127.0.0.1:9', HUB_SITE_KEY: key, ALLOW_HTTP_UPSTREAM: 'true' }).HUB_URL,
    ).toBe('http://127.0.0.1:9');
    expect(() =>
      loadConfig({ HUB_URL: 'http://hub.lan', HUB_SITE_KEY: key, ALLOW_HTTP_UPSTREAM: 'true' }),
    ).toThrow(/HUB_URL/);
    // A key is `<site code>.<secret>`, as the hub issued it.
    expect(() => loadConfig({ HUB_URL: 'https://hub.vinhlong.gov.vn', HUB_SITE_KEY: 'short' })).toThrow(
      /HUB_SITE_KEY/,
    );
  });

  it('resolves a relative DATA_DIR against where npm was invoked (INIT_CWD), an absolute one as it is', () => {
    expect(loadConfig({ DATA_DIR: 'data', INIT_CWD: '/srv/layso' }).dbFile).toBe('/srv/layso/data/queue.db');
    expect(loadConfig({ DATA_DIR: '/var/lib/layso', INIT_CWD: '/srv/layso' }).DATA_DIR).toBe(
      '/var/lib/layso',
    );
    expect(loadConfig({ DATA_DIR: 'data' }).DATA_DIR).toBe(`${process.cwd()}/data`);
  });

  it('refuses a bad value with a bilingual message naming it', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(
      /Cấu hình không hợp lệ \/ Invalid configuration[\s\S]*PORT/,
    );
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
  });

  it('takes an agency identifier of the form xxx.yy.zz.Hnn (a lower-case h too) and refuses others', () => {
    expect(loadConfig({}).AGENCY_ID).toBeUndefined();
    expect(loadConfig({ AGENCY_ID: ' 000.00.12.h62 ' }).AGENCY_ID).toBe('000.00.12.H62');
    expect(() => loadConfig({ AGENCY_ID: '000.00.12' })).toThrow(/AGENCY_ID/);
    expect(() => loadConfig({ AGENCY_ID: '000.00.12.H62-261127' })).toThrow(/AGENCY_ID/);
  });

  it('reads the dossier lookup limits as tries per minutes, and refuses another shape', () => {
    expect(loadConfig({}).LOOKUP_WRONG_PER_SOURCE).toEqual({ max: 20, windowMs: 600_000 });
    expect(loadConfig({ LOOKUP_WRONG_PER_CODE: '3/30m' }).LOOKUP_WRONG_PER_CODE).toEqual({
      max: 3,
      windowMs: 1_800_000,
    });
    expect(() => loadConfig({ LOOKUP_WRONG_PER_CODE: '0/60m' })).toThrow(/LOOKUP_WRONG_PER_CODE/);
    expect(() => loadConfig({ LOOKUP_WRONG_PER_SOURCE: '10 per hour' })).toThrow(/LOOKUP_WRONG_PER_SOURCE/);
  });
});
