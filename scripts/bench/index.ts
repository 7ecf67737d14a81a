import { AIMS as COLD_AIMS, coldStart, RUNS } from './cold-start';
import { saveResults } from './common';
import { AIMS as COST_AIMS, cost } from './cost';
import { events } from './events';
import { fairness } from './fairness';
import { heat } from './heat';
import { offerExpiry } from './offers';
import { BENCHMARKS, type Benchmark, printTable, TABLES } from './report';
import { storm } from './storm';
import { versusSeed } from './versus-seed';

/** What each benchmark measures and saves. */
const RUN: Record<Benchmark, () => Promise<unknown>> = {
  'cold-start': async () => ({ runs: RUNS, aims: COLD_AIMS, functions: await coldStart() }),
  cost: async () => ({ aims: COST_AIMS, ...(await cost()) }),
  heat,
  'versus-seed': versusSeed,
  storm,
  offers: offerExpiry,
  events,
  fairness,
};

/**
 * npm run bench [-- cold-start cost heat versus-seed storm offers events fairness]: runs the named
 * benchmarks (all by default) one after another, prints their tables and saves each as
 * bench/results/<name>.json (`npm run bench:docs` then writes them into docs/benchmarks.md and README).
 */
async function main() {
  const named = process.argv.slice(2);
  const unknown = named.filter((name) => !(BENCHMARKS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`No benchmark ${unknown.join(', ')}; there are ${BENCHMARKS.join(', ')}`);
  for (const name of named.length > 0 ? (named as Benchmark[]) : BENCHMARKS) {
    const results = await RUN[name]();
    for (const table of TABLES[name](results)) printTable(table.title, table.rows);
    console.log(`-> ${saveResults(name, results)}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
