import type { HubAccess, HubViewer } from '../access.js';

/** A HubAccess for tests: these tokens and their viewers, nobody else (the accounts' own is tested beside it). */
export function testAccess(viewers: Record<string, HubViewer> = {}): HubAccess {
  return { viewerOf: (token) => Promise.resolve(viewers[token] ?? null) };
}
