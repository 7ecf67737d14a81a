import { readFileSync } from 'node:fs';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    {
      // The dashboard's built page, which esbuild bundles with its JSON loader (serverless.ts).
      name: 'dashboard-site-as-json',
      load: (id) => (id.endsWith('.site') ? `export default ${readFileSync(id, 'utf8')};` : undefined),
    },
  ],
  test: {
    restoreMocks: true,
    // Storm tests run thousands of requests against DynamoDB Local, and property tests thousands of
    // runs: on a loaded 2-core machine they take minutes, and a timed-out test's requests would spill
    // into the next test.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // Two files at a time even on 2 cores (Vitest's default there is one): connected tests spend much
    // of their time waiting on timers, servers and Chromium, and each works in tables of its own.
    maxWorkers: 2,
    // Two layers: `unit` needs no engine, no Java and no build (`npm run test:unit`, seconds); `connected`
    // runs against DynamoDB Local, the local stack and Chromium. `npm test` runs both.
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'connected',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/unit/**'],
          // One DynamoDB Local and one dashboard build for the whole run; each test file works in tables of its own.
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
