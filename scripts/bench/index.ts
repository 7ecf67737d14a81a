import { AIMS as COLD_AIMS, coldStart } from './cold-start';
import { AIMS as COST_AIMS, cost } from './cost';
import { printTable, saveResults } from './common';
import { events } from './events';
import { fairness } from './fairness';
import { offerExpiry } from './offers';
import { storm } from './storm';

/** npm run bench [-- cold-start cost storm offers events fairness]: runs the named benchmarks (all by default) one after another. */
async function main() {
  const wanted = new Set(
    process.argv.slice(2).length ? process.argv.slice(2) : ['cold-start', 'cost', 'storm', 'offers', 'events', 'fairness'],
  );
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
      'Registration storm over HTTP (the local API + DynamoDB Local)',
      results.levels.map(({ errors, error_samples: _samples, ...level }) => ({ ...level, errors: JSON.stringify(errors) })),
    );
    console.log(`-> ${saveResults('storm', results)}`);
  }
  if (wanted.has('offers')) {
    const results = await offerExpiry();
    printTable('Lapsed offers moving on through the local stack (ms after offer_expires_at)', [results]);
    console.log(`-> ${saveResults('offers', results)}`);
  }
  if (wanted.has('events')) {
    const results = await events();
    printTable('Outbound events through the local stack: ms from the change to a receiver on 127.0.0.1', results.latency);
    printTable(
      `Cost of events per registration, one subscription to everything: USD per million registrations ${results.cost.usd_per_million_registrations}; the delivery timer ${results.cost.delivery_timer_usd_per_month} USD a month`,
      results.cost.steps,
    );
    console.log(`-> ${saveResults('events', results)}`);
  }
  if (wanted.has('fairness')) {
    const results = await fairness();
    printTable(
      `Fairness under concurrency, in process on DynamoDB Local: smooth weighted at ${results.throughput_ratio}x weighted random's throughput (aim >= ${results.aim_throughput_ratio})`,
      results.rows,
    );
    console.log(`-> ${saveResults('fairness', results)}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
