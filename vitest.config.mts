import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    {
      // The dashboard's built page, which esbuild bundles with its JSON loader (serverless.yml).
      name: 'dashboard-site-as-json',
      load: (id) => (id.endsWith('.site') ? `export default ${readFileSync(id, 'utf8')};` : undefined),
    },
  ],
  test: {
    include: ['test/**/*.test.ts'],
    // One DynamoDB Local and one dashboard build for the whole run; each test file works in tables of its own.
    globalSetup: ['test/support/global-setup.ts'],
    // Storm tests run thousands of requests against DynamoDB Local: on a loaded 2-core machine they
    // take minutes, and a timed-out test's requests would spill into the next test.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    restoreMocks: true,
  },
});
