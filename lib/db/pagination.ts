import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import { InvalidError } from '../errors';
import { database } from './client';
import { INDEXES, listPartition, type IndexName } from './keys';

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

export interface Page<T> {
  items: T[];
  /** Opaque; present only when more items follow. */
  nextCursor?: string;
}

/** A condition on items beyond the index key (DynamoDB FilterExpression). */
export interface ItemFilter {
  expression: string;
  names?: Record<string, string>;
  values: Record<string, unknown>;
}

/** An index, or the table itself (its own PK and SK). */
export type KeySpace = IndexName | 'TABLE';
const keysOf = (space: KeySpace) => (space === 'TABLE' ? { pk: 'PK', sk: 'SK' } : INDEXES[space]);

/** Which items of which partition, in which order. At most one of the sort key ranges. */
export interface IndexQuery {
  index: KeySpace;
  partition: string;
  sortKeyPrefix?: string;
  /** Only sort keys below this one. */
  sortKeyBefore?: string;
  /** Only sort keys from the first to the second, both included. */
  sortKeyBetween?: readonly [string, string];
  filter?: ItemFilter | undefined;
  descending?: boolean;
}

type StoredItem = Record<string, unknown>;

const invalidCursor = () => new InvalidError('invalid cursor', ['query', 'cursor']);

const encodeCursor = (index: KeySpace, item: StoredItem): string =>
  Buffer.from(JSON.stringify([index, item[keysOf(index).sk], item.PK, item.SK])).toString('base64url');

function decodeCursor({ index, partition }: IndexQuery, cursor: string): StoredItem {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const valid =
    Array.isArray(parts) &&
    parts.length === 4 &&
    parts[0] === index &&
    parts.every((part) => typeof part === 'string' && part.length > 0 && part.length <= 1024);
  if (!valid) throw invalidCursor();
  const [, sortKey, PK, SK] = parts as string[];
  // On the table the cursor's own key must be in the partition asked for, at the sort key it names.
  if (index === 'TABLE' && (PK !== partition || SK !== sortKey)) throw invalidCursor();
  const { pk, sk } = keysOf(index);
  return { PK, SK, [pk]: partition, [sk]: sortKey };
}

function sortKeyRange({ sortKeyPrefix, sortKeyBefore, sortKeyBetween }: IndexQuery) {
  if (sortKeyPrefix !== undefined) return { condition: 'begins_with(#sk, :sk)', values: { ':sk': sortKeyPrefix } };
  if (sortKeyBefore !== undefined) return { condition: '#sk < :sk', values: { ':sk': sortKeyBefore } };
  if (sortKeyBetween !== undefined)
    return { condition: '#sk BETWEEN :sk AND :skTo', values: { ':sk': sortKeyBetween[0], ':skTo': sortKeyBetween[1] } };
  return undefined;
}

/**
 * One page of a partition, each item stripped to its public shape by `schema`. With a filter,
 * reads on until the page is full, since DynamoDB applies the filter after the limit. Reads one item
 * past the page so that a next cursor is given only when there really is more.
 */
export async function queryPage<T>(query: IndexQuery, schema: z.ZodType<T>, { limit, cursor }: PageRequest): Promise<Page<T>> {
  const db = database();
  const { pk, sk } = keysOf(query.index);
  const items: StoredItem[] = [];
  const range = sortKeyRange(query);
  let startKey = cursor ? decodeCursor(query, cursor) : undefined;
  try {
    do {
      const page = await db.client.send(
        new QueryCommand({
          TableName: db.tableName,
          IndexName: query.index === 'TABLE' ? undefined : query.index,
          KeyConditionExpression: range ? `#pk = :pk AND ${range.condition}` : '#pk = :pk',
          FilterExpression: query.filter?.expression,
          ExpressionAttributeNames: { '#pk': pk, ...(range ? { '#sk': sk } : {}), ...query.filter?.names },
          ExpressionAttributeValues: { ':pk': query.partition, ...range?.values, ...query.filter?.values },
          ExclusiveStartKey: startKey,
          ScanIndexForward: !query.descending,
          Limit: limit + 1,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey && items.length <= limit);
  } catch (error) {
    // A start key DynamoDB cannot use can only come from a cursor the client made up.
    if (cursor && error instanceof Error && error.name === 'ValidationException') throw invalidCursor();
    throw error;
  }
  const page = items.slice(0, limit);
  const last = page.at(-1);
  const parsed = page.map((item) => schema.parse(item));
  return items.length > limit && last ? { items: parsed, nextCursor: encodeCursor(query.index, last) } : { items: parsed };
}

/** One page of every item of an entity, in ascending id order. */
export const listEntities = <T>(entity: keyof typeof listPartition, schema: z.ZodType<T>, page: PageRequest): Promise<Page<T>> =>
  queryPage({ index: 'GSI1', partition: listPartition[entity] }, schema, page);
