import type { DynamoDBRecord } from 'aws-lambda';
import { afterEach, beforeEach } from 'vitest';
import type { Database } from '../../lib/db/client';
import { followTableStream, type TableStream } from '../../scripts/table-stream';
import { localEndpoint, useFreshTable } from './database';

/**
 * A fresh table for each test with its stream followed, in order, into `handle`: what Lambda's event
 * source mapping does deployed. Read `db` and `stream` inside the tests.
 */
export function useStreamedTable(handle: (records: DynamoDBRecord[]) => Promise<unknown>) {
  const table = {} as { db: Database; stream: TableStream };
  beforeEach(async () => {
    table.db = await useFreshTable({ stream: true });
    table.stream = await followTableStream({
      endpoint: localEndpoint(),
      tableName: table.db.tableName,
      handle: async (records) => {
        await handle(records);
      },
      onError: (error) => console.error(error),
    });
  });
  afterEach(async () => {
    await table.stream.stop();
  });
  return table;
}
