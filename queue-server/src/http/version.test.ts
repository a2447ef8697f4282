import { Version } from '@layso/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../db/migrations/index.js';
import { startHarness, type Harness } from '../testing/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

describe('GET /api/version', () => {
  it('says which build runs, on which database schema, since when — to anyone', async () => {
    const r = await h.api('/api/version');
    expect(r.status).toBe(200);
    const v = Version.parse(r.body);
    // Run from TypeScript (the tests): not a compiled build, so no commit was stamped into it.
    expect(v).toMatchObject({ version: '0.1.0', commit: 'source', builtAt: null, compiled: false });
    expect(v.schemaVersion).toBe(MIGRATIONS.at(-1)?.version);
    expect(v.node).toBe(process.version);
    expect(Date.parse(v.startedAt)).toBeLessThanOrEqual(Date.now());
    expect(v.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('is in the OpenAPI document under its table name', async () => {
    const docs = await h.api('/api/docs');
    expect(docs.body.paths['/api/version'].get.operationId).toBe('version');
  });
});
