import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // argon2 at its real cost, many at once on a loaded two-core machine: slower than vitest's 5 s default.
    testTimeout: 20_000,
  },
});
