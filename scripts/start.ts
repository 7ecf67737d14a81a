import { ensureDashboardBuilt } from './dashboard';
import { JAVA_MISSING } from './dynamodb-local';
import { startStack, WARM_UP_SECONDS } from './stack';

/** `npm start`: the API on http://localhost:8000 over DynamoDB Local, data kept under `.data/`. */
async function main(): Promise<void> {
  const httpPort = Number(process.env.PORT ?? 8000);
  const dynamodbPort = Number(process.env.DYNAMODB_PORT ?? 8001);
  const started = Date.now();
  if (await ensureDashboardBuilt()) console.log(`Dashboard built in ${Date.now() - started} ms.`);
  const warmUpSeconds = Number(process.env.WARM_UP_SECONDS ?? WARM_UP_SECONDS);
  console.log(
    `Starting DynamoDB Local on 127.0.0.1:${dynamodbPort} (data in .data/) and the API, then warming them up for ${warmUpSeconds} s (WARM_UP_SECONDS=0 skips it)...`,
  );
  const auth = process.env.AUTH === 'required' ? 'required' : 'off';
  const stack = await startStack({ httpPort, dynamodbPort, dataDir: '.data', log: 'inherit', auth, warmUpMs: warmUpSeconds * 1000 });
  console.log(
    `\nLead Distribution CRM API ready on http://localhost:${httpPort} (table ${stack.tableName}). Dashboard: http://localhost:${httpPort}/  Docs: http://localhost:${httpPort}/docs`,
  );
  console.log(
    auth === 'required'
      ? 'API keys: required (create one with `npm run apikey -- create <name>`).'
      : 'API keys: not required locally (AUTH=required npm start to require them, as deployed stages always do).',
  );
  console.log('Ctrl-C stops it.');
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping...');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: Error) => {
  console.error(error.message === JAVA_MISSING ? error.message : `Could not start: ${error.message}`);
  process.exit(1);
});
