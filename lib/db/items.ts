import { BatchGetCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { UnavailableError } from '../errors';
import { backoffDelay, pause } from './retry';
import { database } from './client';
import type { Key } from './keys';

export type Item = Record<string, unknown>;

/** A strongly consistent read of one item. */
export async function getItem(key: Key): Promise<Item | undefined> {
  const db = database();
  const { Item } = await db.client.send(new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true }));
  return Item;
}

/** Writes an item that must not exist yet. */
export async function putNewItem(item: Item & Key): Promise<void> {
  const db = database();
  await db.client.send(new PutCommand({ TableName: db.tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' }));
}

/** Every item of one partition, strongly consistent, following DynamoDB's pages. */
export async function queryPartition(pk: string): Promise<Item[]> {
  const db = database();
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

const BATCH_GET_LIMIT = 100;
const MAX_BATCH_ATTEMPTS = 6;

/** Strongly consistent reads of many items, 100 keys a request, in parallel; keys that do not exist are left out. */
export async function getItems(keys: readonly Key[]): Promise<Item[]> {
  const chunks: Key[][] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_LIMIT) chunks.push(keys.slice(i, i + BATCH_GET_LIMIT));
  return (await Promise.all(chunks.map(getBatch))).flat();
}

async function getBatch(chunk: Key[]): Promise<Item[]> {
  const db = database();
  const found: Item[] = [];
  let keys: Record<string, unknown>[] = chunk.map((key) => ({ ...key }));
  for (let attempt = 0; keys.length > 0; attempt++) {
    // DynamoDB hands back what it could not read under load; re-asking with backoff is the documented fix.
    if (attempt >= MAX_BATCH_ATTEMPTS) throw new UnavailableError('Items could not be read, retry shortly');
    if (attempt > 0) await pause(backoffDelay(attempt));
    const { Responses, UnprocessedKeys } = await db.client.send(
      new BatchGetCommand({ RequestItems: { [db.tableName]: { Keys: keys, ConsistentRead: true } } }),
    );
    found.push(...(Responses?.[db.tableName] ?? []));
    keys = UnprocessedKeys?.[db.tableName]?.Keys ?? [];
  }
  return found;
}
