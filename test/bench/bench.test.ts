import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { functions as deployed } from '../../serverless';

/**
 * `npm run bench` must keep running on a fresh clone: each benchmark, run here in a small shape
 * (one init per function, a storm of 40), must finish and report what docs/benchmarks.md's tables claim.
 * Only counts are asserted, never timings.
 */
beforeAll(() => {
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

describe('npm run bench', () => {
  it('bundles every function of serverless.ts as serverless-esbuild does and loads each one', async () => {
    const { coldStart, AIMS } = await import('../../scripts/bench/cold-start');
    const rows = await coldStart();
    const functions = Object.keys(deployed);
    expect(rows.map((row) => row.function)).toEqual([...functions, '(AWS SDK v3 DynamoDB clients alone)']);
    for (const row of rows.slice(0, functions.length)) {
      expect(row.bundle_kb).toBeGreaterThan(0);
      expect(row.bundle_kb).toBeLessThan(AIMS.bundleKb);
      expect(row.init_ms_median).toBeGreaterThan(0);
    }
  }, 300_000);

  it('prices a registration in 2 round trips and at most 3 requests once its container knows the source, and a retried delivery creates nothing', async () => {
    const { cost } = await import('../../scripts/bench/cost');
    const { scenarios } = await cost();
    const row = (name: string) => scenarios.find((scenario) => scenario.scenario === name)!;
    for (const scenario of scenarios.filter((s) => !s.scenario.includes('first of the source'))) {
      expect(scenario.round_trips, scenario.scenario).toBeLessThanOrEqual(2);
    }
    expect(row('new lead, first of the source in this container').round_trips).toBe(3);
    expect(row('new lead').requests).toBeLessThanOrEqual(3);
    expect(row('returning lead').requests).toBeLessThanOrEqual(3);
    expect(row('new lead').wcu).toBeGreaterThan(0);
    // A retry creates nothing: only its source's budget window counts it and gives it back.
    expect(row('Telegram delivery retried').wcu).toBe(2);
  });

  it('lets offers lapse through the local stack and sees each move on exactly once', async () => {
    const { offerExpiry } = await import('../../scripts/bench/offers');
    const result = await offerExpiry();
    expect(result).toMatchObject({ contacts: 12, moved_on: 12, still_pending: 0, moved_twice: 0 });
    expect(result.late_ms_p50).toBeGreaterThanOrEqual(0);
  }, 300_000);

  it('delivers every event of a trickle of registrations through the local stack, once each, and prices publishing and delivering', async () => {
    const { events } = await import('../../scripts/bench/events');
    const { latency, cost } = await events();
    expect(latency.map((shape) => shape.shape)).toEqual(['trickle', 'burst']);
    for (const shape of latency) {
      expect(shape).toMatchObject({ registrations: 10, events_expected: 20, events_received: 20, duplicates: 0, rejected_signatures: 0 });
      expect(shape.latency_ms_p95).toBeGreaterThan(0);
    }
    expect(cost.stream_records_to_publisher).toBe(2);
    const [publish, deliver] = cost.steps;
    expect(publish!.wcu).toBeGreaterThan(0);
    expect(deliver!.requests).toBeGreaterThan(0);
    expect(cost.usd_per_million_registrations).toBeGreaterThan(0);
  }, 300_000);

  it('measures both modes at concurrency 32, and smooth weighted ends exactly on every share', async () => {
    const { fairness } = await import('../../scripts/bench/fairness');
    const { rows } = await fairness();
    expect(rows.map((row) => [row.mode, row.registrations])).toEqual([
      ['weighted_random', 36],
      ['smooth_weighted', 36],
    ]);
    expect(rows[1]!.max_deviation_from_share).toBeLessThan(1);
    expect(rows[0]!.transactions_per_registration).toBeGreaterThanOrEqual(1);
  }, 300_000);

  it('counts the write units each partition takes per registration, and no list partition takes one every registration', async () => {
    const { heat, PARTITION_WRITE_UNITS } = await import('../../scripts/bench/heat');
    const result = await heat();
    const row = (partition: string) => result.partitions.find((p) => p.partition === partition)!;
    // A source's contacts' list takes one entry per registration of the source; an operator's claims two units each.
    expect(row('GSI3 SOURCE#<n>')).toMatchObject({ scope: 'source', units_per_registration: 1, ceiling_per_second: PARTITION_WRITE_UNITS });
    expect(row('table OPERATOR#<n>').units_per_registration).toBeLessThan(1);
    // Spread over 16 partitions, the lists of contacts and leads take a sixteenth each, about.
    expect(row('GSI1 CONTACTS#<n>').units_per_registration).toBeLessThan(0.15);
    for (const partition of result.partitions.filter((p) => p.scope === 'system')) {
      expect(partition.units_per_registration, partition.partition).toBeLessThan(1);
    }
    expect(result.write_units_per_registration).toBeGreaterThan(0);
  }, 300_000);

  it('storms the seed’s build and this one with the seed’s driver, when the seed-ref is beside the repository', async () => {
    const { versusSeed, seedUnavailable } = await import('../../scripts/bench/versus-seed');
    const result = await versusSeed();
    if (seedUnavailable()) {
      // A fresh clone on its own: nothing to compare with, and the report says why.
      expect(result).toMatchObject({ skipped: seedUnavailable() });
      return;
    }
    const [, ours] = (result as { rows: Record<string, unknown>[] }).rows;
    expect(ours).toMatchObject({ statuses: { '201': 60 }, overbooked_operators: 0, load_drift_operators: 0, duplicate_leads: 0 });
  }, 300_000);

  it('storms the HTTP stack and finds every invariant holding', async () => {
    const { storm } = await import('../../scripts/bench/storm');
    const { levels } = await storm();
    expect(levels.map((level) => level.concurrency)).toEqual([1, 4]);
    for (const level of levels) {
      expect(level.errors).toEqual({});
      expect(level).toMatchObject({ overbooked_operators: 0, load_drift: 0, orphan_contacts: 0, duplicate_leads: 0, contacts: 40 });
      expect(level.leads).toBe(level.expected_leads);
      // 40 contacts on a capacity of 200: every one assigned.
      expect(level.assigned).toBe(40);
    }
  }, 300_000);
});
