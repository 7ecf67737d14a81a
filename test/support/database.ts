import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createDatabase, createDynamoDbClient, useDatabase, type Database } from '../../lib/db/client';
import { ensureTable } from '../../scripts/table';

/** The DynamoDB Local of this run; refuses anything that is not on this machine. */
export function localEndpoint(): string {
  const endpoint = inject('dynamodbEndpoint');
  if (!endpoint?.startsWith('http://127.0.0.1:')) throw new Error(`Refusing to run against ${endpoint}: tests need DynamoDB Local`);
  return endpoint;
}

/**
 * Creates a new, empty table from the deployed definition and points the library at it; without
 * its stream unless the test follows it (`{ stream: true }`), which spares DynamoDB Local the records.
 */
export async function useFreshTable({ stream = false }: { stream?: boolean } = {}): Promise<Database> {
  const endpoint = localEndpoint();
  const tableName = `test-${randomUUID()}`;
  const admin = createDynamoDbClient({ endpoint });
  await ensureTable(admin, tableName, { stream });
  admin.destroy();
  const db = createDatabase({ tableName, endpoint });
  useDatabase(db);
  return db;
}

/** Every item of the table: only tests scan. */
export async function allItems(db: Database): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(new ScanCommand({ TableName: db.tableName, ExclusiveStartKey, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}
