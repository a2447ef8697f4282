import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Many of these tests start a real server (demo officers' passwords hashed, a catalogue parsed in a worker):
    // a few seconds on a quiet machine, more on a loaded one. A hang still fails, just later than vitest's 5 s.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
