import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopProcess, waitFor } from '../processes';
import { startStack, WARM_UP_SECONDS } from '../stack';
import { median, ROOT, round } from './common';

/**
 * The seed's own build and the load driver it was measured with: not part of this repository (the
 * seed is FastAPI + SQLite from Debian's packages), found beside it or where SEED_REF_DIR says.
 */
export const SEED_REF_DIR = process.env.SEED_REF_DIR ?? join(ROOT, '..', 'shared', 'seed-ref');

/** The storm both are put through: the seed-ref README's, smaller with BENCH_VERSUS_CONTACTS. */
const VERSUS = {
  operators: 10,
  maxLoad: 20,
  contacts: Number(process.env.BENCH_VERSUS_CONTACTS ?? 1000),
  concurrency: Number(process.env.BENCH_VERSUS_CONCURRENCY ?? 50),
  leads: Number(process.env.BENCH_VERSUS_LEADS ?? 300),
  seed: 42,
};

/** Why the seed's build cannot be measured here, if it cannot. */
export function seedUnavailable(): string | undefined {
  if (!existsSync(join(SEED_REF_DIR, 'storm.mjs')) || !existsSync(join(SEED_REF_DIR, 'run.sh'))) {
    return `no seed-ref at ${SEED_REF_DIR} (set SEED_REF_DIR)`;
  }
  return undefined;
}

/** Runs the seed's driver against `base` and answers its JSON report. */
function drive(base: string): Promise<Record<string, any>> {
  const flags = Object.entries({ ...VERSUS, 'max-load': VERSUS.maxLoad }).flatMap(([name, value]) =>
    name === 'maxLoad' ? [] : [`--${name}`, String(value)],
  );
  return new Promise((resolve, reject) => {
    const driver = spawn(process.execPath, [join(SEED_REF_DIR, 'storm.mjs'), '--base', base, ...flags], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    driver.stdout.on('data', (chunk) => (out += chunk));
    driver.stderr.on('data', (chunk) => (err += chunk));
    driver.on('error', reject);
    // Exit 1 means an invariant failed or a request did: the report says which.
    driver.on('close', (code) => {
      try {
        resolve(JSON.parse(out));
      } catch {
        reject(new Error(`storm.mjs exited ${code}: ${err.slice(0, 500)}`));
      }
    });
  });
}

/** What the report says, in the table's terms. */
const summary = (report: Record<string, any>) => ({
  requests_per_second: report.requests_per_sec,
  p50_ms: report.latency_ms?.p50,
  p99_ms: report.latency_ms?.p99,
  statuses: report.status_counts,
  overbooked_operators: report.invariants?.overbooked_operators,
  load_drift_operators: report.invariants?.load_drift_operators,
  duplicate_leads: report.invariants?.duplicate_leads,
  orphan_contacts: report.invariants?.orphan_contacts,
  setup_error: report.setup_error,
});

/** The seed's build on a free port (a fresh SQLite file in `dataDir`, one worker, as its README runs it), once it answers. */
async function startSeed(port: number, dataDir: string): Promise<ChildProcess> {
  const seed = spawn('bash', [join(SEED_REF_DIR, 'run.sh'), String(port)], {
    cwd: SEED_REF_DIR,
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, SEED_DB: join(dataDir, 'seed.db') },
  });
  try {
    await waitFor('the seed-ref server', seed, async () => {
      const response = await fetch(`http://127.0.0.1:${port}/operators/`);
      if (!response.ok) throw new Error(String(response.status));
    });
  } catch (error) {
    await stopProcess(seed);
    throw error;
  }
  return seed;
}

/** Rounds of the comparison, each the seed's build then this one, fresh: BENCH_VERSUS_ROUNDS. */
const ROUNDS = Number(process.env.BENCH_VERSUS_ROUNDS ?? 3);

/** One storm through the seed's build on a fresh database. */
async function stormTheSeed() {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'seed-ref-'));
  try {
    const seed = await startSeed(port, dataDir);
    try {
      return summary(await drive(`http://127.0.0.1:${port}`));
    } finally {
      await stopProcess(seed);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The storm through this build as `npm start` serves it, on a fresh data folder, warmed up as `npm
 * start` warms up; then the same storm again on the same stack, its JIT compilers warm by then.
 */
async function stormThisOne() {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-versus-'));
  const warmUpSeconds = Number(process.env.BENCH_VERSUS_WARM_UP_SECONDS ?? WARM_UP_SECONDS);
  try {
    const stack = await startStack({ httpPort: await freePort(), dataDir, log: 'ignore', warmUpMs: warmUpSeconds * 1000 });
    try {
      const first = summary(await drive(stack.apiUrl));
      const again = summary(await drive(stack.apiUrl));
      return { first, again };
    } finally {
      await stack.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The seed's registration storm (1,000 contacts from 300 leads, 10 operators of max_load 20,
 * concurrency 50) through the seed's own build and through this one as `npm start` serves it (data
 * on disk, warmed up as it warms up), in turns on this machine, each on a fresh server, driven by the
 * seed's own driver: requests a second, latencies, statuses and the invariants the driver checks;
 * then the same storm again on this one, warm. A shared machine's speed varies from minute to
 * minute: the ratio (first storms) is the median of the rounds'.
 */
export async function versusSeed() {
  const unavailable = seedUnavailable();
  if (unavailable) return { shape: VERSUS, seed_ref: SEED_REF_DIR, skipped: unavailable };
  const rows: Record<string, unknown>[] = [];
  const ratios: number[] = [];
  for (let turn = 1; turn <= ROUNDS; turn++) {
    let theirs: ReturnType<typeof summary>;
    try {
      theirs = await stormTheSeed();
    } catch (error) {
      return { shape: VERSUS, seed_ref: SEED_REF_DIR, skipped: `the seed's build did not run: ${(error as Error).message.slice(0, 300)}` };
    }
    const ours = await stormThisOne();
    rows.push(
      { round: turn, build: 'seed (FastAPI + SQLite, seed-ref)', ...theirs },
      { round: turn, build: 'this one (npm start), first storm', ...ours.first },
      { round: turn, build: 'this one, the same storm again', ...ours.again },
    );
    ratios.push(round(ours.first.requests_per_second / theirs.requests_per_second, 2));
  }
  return { shape: VERSUS, seed_ref: SEED_REF_DIR, rows, ratios, ratio: median(ratios) };
}
