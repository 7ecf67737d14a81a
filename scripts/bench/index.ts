import { AIMS as COLD_AIMS, coldStart } from './cold-start';
import { AIMS as COST_AIMS, cost } from './cost';
import { printTable, saveResults } from './common';
import { offerExpiry } from './offers';
import { storm } from './storm';

/** npm run bench [-- cold-start cost storm offers]: runs the named benchmarks (all by default) one after another. */
async function main() {
  const wanted = new Set(process.argv.slice(2).length ? process.argv.slice(2) : ['cold-start', 'cost', 'storm', 'offers']);
  if (wanted.has('cold-start')) {
    const rows = await coldStart();
    printTable(`Cold start (bundle size, module init median); aims < ${COLD_AIMS.bundleKb} KB, < ${COLD_AIMS.initMs} ms`, rows);
    console.log(`-> ${saveResults('cold-start', { aims: COLD_AIMS, functions: rows })}`);
  }
  if (wanted.has('cost')) {
    const results = await cost();
    printTable(
      `Cost per registration (aims <= ${COST_AIMS.roundTrips} round trips, <= ${COST_AIMS.requests} requests); USD per million, Lambda arm64 512 MB at ${results.assumed_lambda_ms} ms`,
      results.scenarios,
    );
    console.log(`-> ${saveResults('cost', { aims: COST_AIMS, ...results })}`);
  }
  if (wanted.has('storm')) {
    const results = await storm();
    printTable(
      'Registration storm over HTTP (serverless-offline + DynamoDB Local)',
      results.levels.map(({ errors, error_samples: _samples, ...level }) => ({ ...level, errors: JSON.stringify(errors) })),
    );
    console.log(`-> ${saveResults('storm', results)}`);
  }
  if (wanted.has('offers')) {
    const results = await offerExpiry();
    printTable('Lapsed offers moving on through the local stack (ms after offer_expires_at)', [results]);
    console.log(`-> ${saveResults('offers', results)}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
