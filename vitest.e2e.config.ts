import { defineConfig } from 'vitest/config';

// End-to-end tests drive Debian's Chromium against the built app (vite preview).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120000,
    hookTimeout: 120000,
    fileParallelism: false,
  },
});
