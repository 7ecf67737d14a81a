import { database } from '../lib/db/client';
import { migrateLayout } from '../lib/db/layout';
import { useLocalTableByDefault } from './local-table';

/**
 * `npm run migrate`: brings a table written by an earlier version to the layout this code reads, on
 * the local stack's table by default (`npm start` does it by itself), or the table and endpoint in
 * TABLE_NAME / DYNAMODB_ENDPOINT (no endpoint: AWS, with your credentials).
 */
async function main(): Promise<void> {
  useLocalTableByDefault();
  const { from, to, moved } = await migrateLayout(database());
  console.log(from === to ? `Layout ${to}: nothing to do.` : `Layout ${from} -> ${to}: ${moved} items moved.`);
}

main().catch((error: Error) => {
  console.error(`migrate failed: ${error.message}`);
  process.exit(2);
});
