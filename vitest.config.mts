import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One DynamoDB Local for the whole run; each test file works in tables of its own.
    globalSetup: ['test/support/global-setup.ts'],
    // Storm tests run thousands of requests against DynamoDB Local: on a loaded 2-core machine they
    // take minutes, and a timed-out test's requests would spill into the next test.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    restoreMocks: true,
  },
});
