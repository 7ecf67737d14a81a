import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
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
