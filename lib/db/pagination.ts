import { createHash } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import { InvalidError } from '../errors';
import { database } from './client';
import { getItems, type Item } from './items';
import { INDEXES, type IndexName, type Key, listRanges, type ListedEntity } from './keys';

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

export interface Page<T> {
  items: T[];
  /** Opaque; present only when more items may follow. */
  nextCursor?: string;
}

/** An index, or the table itself (its own PK and SK). */
export type KeySpace = IndexName | 'TABLE';
const keysOf = (space: KeySpace) => (space === 'TABLE' ? { pk: 'PK', sk: 'SK' } : INDEXES[space]);

/**
 * One partition of an index (or of the table), or the part of it whose sort keys start with
 * `prefix`: what follows the prefix orders it (an id, a time), and is what several ranges are merged
 * by. `before` and `between` narrow it further (both on the whole sort key; `between` inclusive).
 */
export interface IndexRange {
  index: KeySpace;
  partition: string;
  prefix?: string;
  before?: string;
  between?: readonly [string, string];
}

/** One or more ranges read as one list (an entity's list shards; an operator's open and closed contacts). */
export interface IndexRead {
  ranges: readonly IndexRange[];
  descending?: boolean;
  /** Keeps only the items it accepts: applied to the items read, since the indexes hold keys only. */
  filter?: (item: Item) => boolean;
}

const invalidCursor = () => new InvalidError('invalid cursor', ['query', 'cursor']);

/** What a cursor belongs to: a cursor of another list, or of the same list in the other order, is refused. */
const readOf = ({ ranges, descending }: IndexRead) =>
  createHash('sha256')
    .update(JSON.stringify([ranges.map(({ index, partition, prefix }) => [index, partition, prefix]), !!descending]))
    .digest('base64url')
    .slice(0, 12);

const encodeCursor = (read: IndexRead, order: string) => Buffer.from(JSON.stringify([order, readOf(read)])).toString('base64url');

function decodeCursor(read: IndexRead, cursor: string): string {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const valid =
    Array.isArray(parts) && parts.length === 2 && typeof parts[0] === 'string' && parts[0].length <= 1024 && parts[1] === readOf(read);
  if (!valid) throw invalidCursor();
  return (parts as string[])[0]!;
}

/** Where a range's reading stands. */
interface RangeState {
  range: IndexRange;
  startKey?: Item | undefined;
  /** The order of the last key read from it; everything up to it has been read. */
  readTo?: string | undefined;
  done: boolean;
}

/** A key read from an index, with what orders it and, from the table itself, its item. */
interface Found {
  order: string;
  key: Key;
  item?: Item | undefined;
}

/** The sort key bounds of a range (inclusive; none where it has none), from `after` on (the equal one is dropped when read). */
function bounds({ prefix, before, between }: IndexRange, after: string | undefined, descending: boolean) {
  let [low, high]: (string | undefined)[] = between ? [...between] : prefix ? [prefix, `${prefix}\uffff`] : [undefined, undefined];
  if (before !== undefined && (high === undefined || before < high)) high = before;
  if (after !== undefined) {
    const at = `${prefix ?? ''}${after}`;
    if (descending) high = high === undefined || at < high ? at : high;
    else low = low === undefined || at > low ? at : low;
  }
  return { low, high };
}

const sortKeyCondition = (low: string | undefined, high: string | undefined) =>
  low !== undefined && high !== undefined
    ? { condition: ' AND #sk BETWEEN :low AND :high', values: { ':low': low, ':high': high } }
    : low !== undefined
      ? { condition: ' AND #sk >= :low', values: { ':low': low } }
      : high !== undefined
        ? { condition: ' AND #sk <= :high', values: { ':high': high } }
        : { condition: '', values: {} };

/** Reads the next `count` keys of a range, strongly consistent on the table (indexes cannot be). */
async function readChunk(state: RangeState, after: string | undefined, descending: boolean, count: number): Promise<Found[]> {
  const db = database();
  const { range } = state;
  const { pk, sk } = keysOf(range.index);
  const { low, high } = bounds(range, after, descending);
  if (low !== undefined && high !== undefined && low > high) {
    state.done = true;
    return [];
  }
  const sortKey = sortKeyCondition(low, high);
  const page = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: range.index === 'TABLE' ? undefined : range.index,
      KeyConditionExpression: `#pk = :pk${sortKey.condition}`,
      ExpressionAttributeNames: { '#pk': pk, ...(sortKey.condition ? { '#sk': sk } : {}) },
      ExpressionAttributeValues: { ':pk': range.partition, ...sortKey.values },
      ConsistentRead: range.index === 'TABLE',
      ExclusiveStartKey: state.startKey,
      ScanIndexForward: !descending,
      // The first read from a cursor finds the cursor's own item first (the bound includes it) and drops it.
      Limit: state.startKey === undefined && after !== undefined ? count + 1 : count,
    }),
  );
  state.startKey = page.LastEvaluatedKey;
  state.done = !page.LastEvaluatedKey;
  const prefix = range.prefix ?? '';
  const found = (page.Items ?? [])
    .filter((item) => String(item[sk]) !== range.before)
    .map((item) => ({
      order: String(item[sk]).slice(prefix.length),
      key: { PK: String(item.PK), SK: String(item.SK) },
      item: range.index === 'TABLE' ? item : undefined,
    }))
    .filter((entry) => entry.order !== after);
  const last = page.Items?.at(-1);
  if (last) state.readTo = String(last[sk]).slice(prefix.length);
  return found;
}

/** How many rounds of reads a page may take when a filter drops items: a page may come back short, with a cursor. */
const FILTERED_ROUNDS = 4;
/** Keys a filtered read takes from each range per round, at least. */
const FILTERED_CHUNK = 25;

/**
 * One page of a list: the keys of its ranges, merged in order, then the items themselves read by key
 * (strongly consistent: an item listed is as it is now), kept if `filter` accepts them, each parsed
 * to its public shape by `schema`. Bounded: one round (a Query per range, in parallel, then the items
 * in BatchGetItems of 100) without a filter; with one, up to `FILTERED_ROUNDS`, after which a short
 * page comes back with a cursor from the last item examined. A key whose item is gone (the index
 * lags a deletion) is passed over.
 */
export async function readIndexPage<T>(read: IndexRead, schema: z.ZodType<T>, { limit, cursor }: PageRequest): Promise<Page<T>> {
  const descending = read.descending ?? false;
  const after = cursor === undefined ? undefined : decodeCursor(read, cursor);
  const states: RangeState[] = read.ranges.map((range) => ({ range, done: false }));
  const before = (a: string, b: string) => (descending ? a > b : a < b);
  const pending: Found[] = [];
  // A filtered read looks for one match more than the page holds, to know whether another page has any.
  const wanted = read.filter ? limit + 1 : limit;
  const matched: { order: string; value: T }[] = [];
  let examined = after;
  const chunk = read.filter ? Math.max(limit + 1, FILTERED_CHUNK) : limit + 1;
  try {
    for (let round = 0; round < (read.filter ? FILTERED_ROUNDS : 1) && matched.length < wanted; round++) {
      const live = states.filter((state) => !state.done);
      if (live.length === 0 && pending.length === 0) break;
      const chunks = await Promise.all(live.map((state) => readChunk(state, state.readTo ?? after, descending, chunk)));
      pending.push(...chunks.flat());
      pending.sort((a, b) => (a.order === b.order ? 0 : before(a.order, b.order) ? -1 : 1));
      // Only what every range still being read has reached can be given in order.
      const frontier = states
        .filter((state) => !state.done && state.readTo !== undefined)
        .map((state) => state.readTo!)
        .reduce<string | undefined>((reached, order) => (reached === undefined || before(order, reached) ? order : reached), undefined);
      const ready = pending.filter((found) => frontier === undefined || !before(frontier, found.order));
      while (ready.length > 0 && matched.length < wanted) {
        const batch = ready.splice(0, read.filter ? 100 : wanted - matched.length);
        const fetched = await itemsOf(batch);
        for (const found of batch) {
          pending.splice(pending.indexOf(found), 1);
          examined = found.order;
          const item = fetched.get(`${found.key.PK}|${found.key.SK}`);
          if (item && (!read.filter || read.filter(item))) matched.push({ order: found.order, value: schema.parse(item) });
          if (matched.length === wanted) break;
        }
      }
    }
  } catch (error) {
    // A start key DynamoDB cannot use can only come from a cursor the client made up.
    if (cursor && error instanceof Error && error.name === 'ValidationException') throw invalidCursor();
    throw error;
  }
  if (matched.length > limit) {
    return { items: matched.slice(0, limit).map((m) => m.value), nextCursor: encodeCursor(read, matched[limit - 1]!.order) };
  }
  const items = matched.map((m) => m.value);
  const more = pending.length > 0 || states.some((state) => !state.done);
  return more && examined !== undefined ? { items, nextCursor: encodeCursor(read, examined) } : { items };
}

/** The items of found keys, those read from the table as they came, the others by key. */
async function itemsOf(found: readonly Found[]): Promise<Map<string, Item>> {
  const id = (key: Key) => `${key.PK}|${key.SK}`;
  const items = new Map(found.flatMap((entry) => (entry.item ? [[id(entry.key), entry.item] as const] : [])));
  const toRead = found.filter((entry) => !entry.item).map((entry) => entry.key);
  for (const item of await getItems(toRead)) items.set(id(item as unknown as Key), item);
  return items;
}

/**
 * Every item of a read, following pages: only for reads bounded by what they hold (an operator's
 * open contacts, a lead's contacts, the offers due in a tick), never for a whole list.
 */
export async function readEvery<T>(read: IndexRead, schema: z.ZodType<T>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await readIndexPage(read, schema, { limit: 500, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/**
 * The keys of a range, all of them, following pages (never the items: for timers, which read only
 * which items are due, and bounded reads).
 */
export async function readKeys(range: IndexRange): Promise<Key[]> {
  const state: RangeState = { range, done: false };
  const keys: Key[] = [];
  do keys.push(...(await readChunk(state, state.readTo, false, 1_000)).map((found) => found.key));
  while (!state.done);
  return keys;
}

/** One page of every item of an entity, in ascending id order (its list may be spread over shards). */
export const listEntities = <T>(entity: ListedEntity, schema: z.ZodType<T>, page: PageRequest): Promise<Page<T>> =>
  readIndexPage({ ranges: listRanges(entity) }, schema, page);
