import { GetCommand, PutCommand, ScanCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Database } from './client';
import type { Item } from './items';
import { assignmentKeys, contactKey, contactKeys, type Key, layoutKey, listedRange, operatorKey, sourceKey } from './keys';
import { StoredContact } from './contacts';

const ContactKeyFacts = StoredContact.pick({
  id: true,
  source_id: true,
  lead_id: true,
  operator_id: true,
  status: true,
  priority: true,
  needs_manager: true,
  offer_expires_at: true,
});

/**
 * The layout of the table's items this code reads and writes. 1: assignments in their source's
 * partition with their counts, routing explanations as items of their own. 2: an assignment's weight
 * on its source's item and its counts on its operator's (`via`), the explanation on its contact.
 * 3: contacts and leads listed over shards, an operator's open contacts apart from their closed
 * ones, waiting contacts listed together (the indexes hold keys only).
 */
export const LAYOUT_VERSION = 3;

/** The layout a table's items are in: a table that never said is in the first. */
export async function layoutOf(db: Database): Promise<number> {
  const { Item } = await db.client.send(new GetCommand({ TableName: db.tableName, Key: layoutKey(), ConsistentRead: true }));
  return Number(Item?.version ?? 1);
}

/** Notes a new, empty table as being in the current layout, so that it is never migrated. */
export async function markCurrentLayout(db: Database): Promise<void> {
  await db.client.send(new PutCommand({ TableName: db.tableName, Item: { ...layoutKey(), version: LAYOUT_VERSION } }));
}

/** Every item of the table, a page at a time: a migration is the one thing that scans. */
async function* everyItem(db: Database): AsyncGenerator<Item> {
  let ExclusiveStartKey: Item | undefined;
  do {
    const page = await db.client.send(new ScanCommand({ TableName: db.tableName, ExclusiveStartKey, ConsistentRead: true }));
    yield* page.Items ?? [];
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

const isOldAssignment = (item: Item) => String(item.PK).startsWith('SOURCE#') && String(item.SK).startsWith('ASSIGNMENT#');

/** Gives `attribute` an empty map on the item if it has none, so that entries can be set in it. */
async function ensureMap(db: Database, key: Key, attribute: string): Promise<void> {
  await db.client
    .send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: key,
        UpdateExpression: 'SET #map = :empty',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(#map)',
        ExpressionAttributeNames: { '#map': attribute },
        ExpressionAttributeValues: { ':empty': {} },
      }),
    )
    .catch((error: Error) => {
      if (error.name !== 'ConditionalCheckFailedException') throw error;
    });
}

/** Moves an assignment of layout 1 to its three items, in one transaction that also deletes the old one. */
async function moveAssignment(db: Database, old: Item): Promise<void> {
  const { id, source_id, operator_id, weight, quota = null, assigned = 0, quota_used, audit } = old as Record<string, unknown>;
  await db.client.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: db.tableName,
            Item: { ...assignmentKeys(Number(id)), id, source_id, operator_id, weight, quota, ...(audit ? { audit } : {}) },
          },
        },
        {
          Update: {
            TableName: db.tableName,
            Key: sourceKey(Number(source_id)),
            UpdateExpression: 'SET assignments.#op = :weight',
            ExpressionAttributeNames: { '#op': String(operator_id) },
            ExpressionAttributeValues: { ':weight': { id, weight } },
          },
        },
        {
          Update: {
            TableName: db.tableName,
            Key: operatorKey(Number(operator_id)),
            UpdateExpression: 'SET via.#source = :counts',
            ExpressionAttributeNames: { '#source': String(source_id) },
            ExpressionAttributeValues: { ':counts': { id, assigned, quota, ...(quota && quota_used ? { quota_used } : {}) } },
          },
        },
        { Delete: { TableName: db.tableName, Key: { PK: old.PK, SK: old.SK } } },
      ],
    }),
  );
}

/** Moves a routing explanation of layout 1 onto its contact, deleting its own item. */
async function moveExplanation(db: Database, old: Item): Promise<void> {
  const { PK: _pk, SK: _sk, ...explanation } = old;
  await db.client.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: db.tableName,
            Key: contactKey(Number(String(old.PK).split('#')[1])),
            UpdateExpression: 'SET routing = :routing',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: { ':routing': explanation },
          },
        },
        { Delete: { TableName: db.tableName, Key: { PK: old.PK, SK: old.SK } } },
      ],
    }),
  );
}

/**
 * Brings the table's items to the current layout, for a table written by an earlier version (a
 * developer's `.data/`, a deployed stage): run before the new code serves. Each step is conditional
 * or idempotent, so a migration cut short is run again. Answers the layout it found.
 */
export async function migrateLayout(db: Database): Promise<{ from: number; to: number; moved: number }> {
  const from = await layoutOf(db);
  let moved = 0;
  if (from < 2) {
    // First every source and operator gets the map its assignments go in, then they move.
    for await (const item of everyItem(db)) {
      if (item.SK === 'SOURCE' && String(item.PK).startsWith('SOURCE#')) await ensureMap(db, sourceKey(Number(item.id)), 'assignments');
      if (item.SK === 'OPERATOR' && String(item.PK).startsWith('OPERATOR#')) await ensureMap(db, operatorKey(Number(item.id)), 'via');
    }
    for await (const item of everyItem(db)) {
      if (isOldAssignment(item)) await moveAssignment(db, item);
      else if (item.SK === 'ROUTING' && String(item.PK).startsWith('CONTACT#')) await moveExplanation(db, item);
      else continue;
      moved++;
    }
  }
  if (from < 3) {
    for await (const item of everyItem(db)) {
      if (item.SK === 'CONTACT' && String(item.PK).startsWith('CONTACT#')) await rekeyContact(db, item);
      else if (item.SK === 'LEAD') await relistLead(db, item);
      else continue;
      moved++;
    }
  }
  if (from < LAYOUT_VERSION) await markCurrentLayout(db);
  return { from, to: LAYOUT_VERSION, moved };
}

/** A contact put back with the index keys its state has in the current layout, unless it changed meanwhile. */
async function rekeyContact(db: Database, item: Item): Promise<void> {
  const unkeyed = Object.fromEntries(Object.entries(item).filter(([name]) => !/^GSI\d(PK|SK)$/.test(name)));
  await db.client.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { ...unkeyed, ...contactKeys(ContactKeyFacts.parse(item)) },
      ConditionExpression: 'version = :version',
      ExpressionAttributeValues: { ':version': item.version },
    }),
  );
}

/** A lead (or an erased one) listed in its shard of the leads' list. */
async function relistLead(db: Database, item: Item): Promise<void> {
  const { partition } = listedRange('LEAD', Number(item.id));
  await db.client.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: { PK: item.PK, SK: item.SK },
      UpdateExpression: 'SET GSI1PK = :partition',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':partition': partition },
    }),
  );
}
