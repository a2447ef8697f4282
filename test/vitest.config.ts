import { defineConfig } from 'vitest/config';

// Cross-part tests start real servers, child processes and Chromium: generous limits, and browser files one
// at a time so two Chromiums do not fight over two cores.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
