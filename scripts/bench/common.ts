import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoDBRecord } from 'aws-lambda';
import { startDynamoDbLocal } from '../dynamodb-local';
import { freePort } from '../processes';
import { followTableStream } from '../table-stream';

export const ROOT = join(__dirname, '..', '..');
/** bench/results/, or BENCH_RESULTS_DIR (the test of the benchmarks keeps its small runs apart). */
export const resultsDir = () => process.env.BENCH_RESULTS_DIR ?? join(ROOT, 'bench', 'results');

/**
 * The DynamoDB Local a benchmark runs against: a fresh one of its own, so that one benchmark's data
 * and compiled code do not colour the next; or the one at BENCH_DYNAMODB_ENDPOINT, which the tests of
 * the benchmarks share (they assert counts only, and a JVM start per benchmark was most of their time).
 */
export async function benchEngine(): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const shared = process.env.BENCH_DYNAMODB_ENDPOINT;
  if (shared) return { endpoint: shared, stop: async () => {} };
  return startDynamoDbLocal({ port: await freePort() });
}

/** The stream records of what `workload` wrote to a table, change by change; the follower stops however it ends. */
export async function recordStream(endpoint: string, tableName: string, workload: () => Promise<unknown>): Promise<DynamoDBRecord[]> {
  const records: DynamoDBRecord[] = [];
  const stream = await followTableStream({ endpoint, tableName, handle: async (batch) => void records.push(...batch) });
  try {
    // Everything written before, from the stream's oldest record, is read first and left out.
    await stream.drained();
    const before = records.length;
    await workload();
    await stream.drained();
    return records.slice(before);
  } finally {
    await stream.stop();
  }
}

/** Writes one benchmark's results as JSON under bench/results/ and returns the path. */
export function saveResults(name: string, results: unknown): string {
  mkdirSync(resultsDir(), { recursive: true });
  const path = join(resultsDir(), `${name}.json`);
  writeFileSync(path, `${JSON.stringify({ measured_at: new Date().toISOString(), ...machine(), results }, null, 2)}\n`);
  return path;
}

export function machine() {
  const cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  return { node: process.version, cpu, cores: (require('node:os') as typeof import('node:os')).availableParallelism() };
}

export const median = (values: number[]) => quantile(values, 0.5);

/** Nearest-rank quantile. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** One JSON call to the API under test; anything but a 2xx fails the benchmark. */
export async function call(method: string, url: string, body?: unknown): Promise<any> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}
