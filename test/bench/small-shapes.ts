import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { localEndpoint } from '../support/database';

/**
 * `npm run bench` must keep running on a fresh clone: each benchmark, run in its test file in a small
 * shape (one init per function, a storm of 40), must finish and report what docs/benchmarks.md's
 * tables claim. Only counts are asserted, never timings. One file per benchmark, so that they run
 * beside the other test files rather than one after another.
 */
export function benchInSmallShapes(): void {
  beforeAll(() => {
    // The test run's DynamoDB Local, not one started per benchmark; the comparison with the seed still
    // starts its stack as `npm start` does.
    process.env.BENCH_DYNAMODB_ENDPOINT = localEndpoint();
    process.env.BENCH_RESULTS_DIR = mkdtempSync(join(tmpdir(), 'bench-results-'));
    process.env.BENCH_COLD_RUNS = '1';
    process.env.BENCH_STORM_REGISTRATIONS = '40';
    process.env.BENCH_STORM_LEADS = '12';
    process.env.BENCH_STORM_CONCURRENCY = '1,4';
    process.env.BENCH_OFFERS = '12';
    process.env.BENCH_EVENTS = '10';
    process.env.BENCH_FAIRNESS = '36';
    process.env.BENCH_HEAT_REGISTRATIONS = '160';
    process.env.BENCH_HEAT_LEADS = '60';
    process.env.BENCH_VERSUS_CONTACTS = '60';
    process.env.BENCH_VERSUS_CONCURRENCY = '8';
    process.env.BENCH_VERSUS_LEADS = '20';
    process.env.BENCH_VERSUS_WARM_UP_SECONDS = '1';
    process.env.BENCH_VERSUS_ROUNDS = '1';
  });
  afterAll(() => rmSync(process.env.BENCH_RESULTS_DIR!, { recursive: true, force: true }));
}
