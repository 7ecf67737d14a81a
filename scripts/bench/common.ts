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

/** Follows a table's stream into `records` from its oldest record, caught up when it answers: what a workload wrote, change by change. */
export async function recordStream(endpoint: string, tableName: string) {
  const records: DynamoDBRecord[] = [];
  const stream = await followTableStream({ endpoint, tableName, handle: async (batch) => void records.push(...batch) });
  await stream.drained();
  return { records, stream };
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

/** Prints rows as an aligned text table. */
export function printTable(title: string, rows: Record<string, unknown>[]): void {
  console.log(`\n${title}`);
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  console.log(line(columns));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(columns.map((column) => String(row[column]))));
}

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
