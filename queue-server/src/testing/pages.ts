import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startHarness, type Harness } from './harness.js';

/**
 * For the tests of the citizen's pages: a server with the web build (`h`) and one without (`plain`), whose pages say
 * how to build them. Started before the file's tests, closed after them.
 */
export function pageServers(): { readonly h: Harness; readonly plain: Harness } {
  let h: Harness | undefined;
  let plain: Harness | undefined;
  const noWeb = mkdtempSync(join(tmpdir(), 'layso-plain-'));
  beforeAll(async () => {
    h = await startHarness();
    plain = await startHarness({ env: { WEB_DIR: noWeb } });
  });
  afterAll(async () => {
    await h?.close();
    await plain?.close();
    rmSync(noWeb, { recursive: true, force: true });
  });
  const started = (s: Harness | undefined): Harness => {
    if (!s) throw new Error('the page servers start in beforeAll');
    return s;
  };
  return {
    get h() {
      return started(h);
    },
    get plain() {
      return started(plain);
    },
  };
}

/** A page as a phone's browser gets it: status, media type, caching, body. */
export async function getPage(base: string, path: string) {
  const r = await fetch(`${base}${path}`);
  return {
    status: r.status,
    type: r.headers.get('content-type') ?? '',
    cache: r.headers.get('cache-control') ?? '',
    text: await r.text(),
  };
}
