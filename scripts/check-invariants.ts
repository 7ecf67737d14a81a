import { checkInvariants } from '../lib/contacts/invariants';

/**
 * `npm run check:invariants [-- --repair]`: against the local stack's table by default, or the
 * table and endpoint in TABLE_NAME / DYNAMODB_ENDPOINT (no endpoint: AWS, with your credentials).
 */
async function main(): Promise<void> {
  process.env.TABLE_NAME ??= 'lead-distribution-crm-local';
  if (process.env.TABLE_NAME === 'lead-distribution-crm-local') {
    process.env.DYNAMODB_ENDPOINT ??= `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? 8001}`;
  }
  const report = await checkInvariants({ repair: process.argv.includes('--repair') });
  console.log(JSON.stringify(report, null, 2));
  process.exitCode = report.ok ? 0 : 1;
}

main().catch((error: Error) => {
  console.error(`check:invariants failed: ${error.message}`);
  process.exit(2);
});
