import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import { InvalidError } from '../errors';
import { database } from './client';
import { listPartition, type Entity } from './keys';

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

export interface Page<T> {
  items: T[];
  /** Opaque; present only when more items follow. */
  nextCursor?: string;
}

type StoredItem = Record<string, unknown>;

const invalidCursor = () => new InvalidError('invalid cursor', ['query', 'cursor']);

const encodeCursor = (item: StoredItem): string =>
  Buffer.from(JSON.stringify([item.GSI1SK, item.PK, item.SK])).toString('base64url');

function decodeCursor(entity: Entity, cursor: string): Record<string, string> {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parts = undefined;
  }
  const valid =
    Array.isArray(parts) &&
    parts.length === 3 &&
    parts.every((part) => typeof part === 'string' && part.length > 0 && part.length <= 1024);
  if (!valid) throw invalidCursor();
  const [GSI1SK, PK, SK] = parts as string[];
  return { GSI1PK: listPartition[entity], GSI1SK: GSI1SK!, PK: PK!, SK: SK! };
}

/**
 * One page of every item of an entity, in ascending id order, from the entity's list partition, each
 * item stripped to its public shape by `schema`. Reads one item past the page so that a next cursor is
 * given only when there really is more.
 */
export async function listEntities<T>(entity: Entity, schema: z.ZodType<T>, { limit, cursor }: PageRequest): Promise<Page<T>> {
  const db = database();
  let items: StoredItem[];
  try {
    ({ Items: items = [] } = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': listPartition[entity] },
        ExclusiveStartKey: cursor ? decodeCursor(entity, cursor) : undefined,
        Limit: limit + 1,
      }),
    ));
  } catch (error) {
    // A start key DynamoDB cannot use can only come from a cursor the client made up.
    if (cursor && error instanceof Error && error.name === 'ValidationException') throw invalidCursor();
    throw error;
  }
  const page = items.slice(0, limit);
  const last = page.at(-1);
  const parsed = page.map((item) => schema.parse(item));
  return items.length > limit && last ? { items: parsed, nextCursor: encodeCursor(last) } : { items: parsed };
}
