import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each test file starts a real PostgreSQL (initdb + start): a second or two on a quiet machine, more on a
    // loaded one. A hang still fails, just later than vitest's 5 s.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
