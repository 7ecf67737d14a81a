import { checkInvariants } from '../lib/contacts/invariants';
import { useLocalTableByDefault } from './local-table';

/**
 * `npm run check:invariants [-- --repair]`: against the local stack's table by default, or the
 * table and endpoint in TABLE_NAME / DYNAMODB_ENDPOINT (no endpoint: AWS, with your credentials).
 */
async function main(): Promise<void> {
  useLocalTableByDefault();
  const report = await checkInvariants({ repair: process.argv.includes('--repair') });
  console.log(JSON.stringify(report, null, 2));
  process.exitCode = report.ok ? 0 : 1;
}

main().catch((error: Error) => {
  console.error(`check:invariants failed: ${error.message}`);
  process.exit(2);
});
