import { UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { notFound } from '../errors';
import { StoredOperator, type OperatorInput } from '../schemas/operators';
import { freshQuotaCounts, type QuotaCharge } from '../availability/quota';
import type { Claim } from './contacts';
import type { WorkingHours } from '../schemas/schedules';
import { stamped } from '../audit/trail';
import { database } from './client';
import { nextId } from './ids';
import { getItem, getItems, putNewItem } from './items';
import { operatorKey, operatorKeys } from './keys';
import { listEntities, type Page, type PageRequest } from './pagination';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Creates an operator with no load, available unless told otherwise. */
export async function createOperator(input: OperatorInput): Promise<StoredOperator> {
  const operator = StoredOperator.parse({
    id: await nextId('OPERATOR'),
    ...input,
    current_load: 0,
    quota_used: input.quota ? freshQuotaCounts(input.quota, new Date()) : {},
  });
  // `via`: per source they are assigned to, what their claims there check and count (lib/db/assignments.ts).
  const { quota_used, ...fields } = operator;
  await putNewItem({ ...operatorKeys(operator.id), ...fields, ...(operator.quota ? { quota_used } : {}), ...stamped('created') });
  return operator;
}

/** Operators in id order, a page at a time. */
export const listOperators = (page: PageRequest): Promise<Page<StoredOperator>> => listEntities('OPERATOR', StoredOperator, page);

/** An operator as it was and as it is after a change. */
export interface OperatorChange {
  before: StoredOperator;
  after: StoredOperator;
}

type OperatorFields = Partial<OperatorInput & Pick<StoredOperator, 'last_heartbeat_at' | 'schedule'>>;

/**
 * Sets the given fields of an operator and leaves the others (their current load among them) as they
 * are; `action` names a change made by hand, for the audit trail.
 */
export async function updateOperatorFields(id: number, input: OperatorFields, action?: string): Promise<OperatorChange> {
  const db = database();
  const fields = Object.entries({ ...input, ...(action ? stamped(action) : {}) }).filter(([, value]) => value !== undefined);
  try {
    const { Attributes } = await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: operatorKey(id),
        // The claim transaction counts into quota_used's entries, so the map must exist once a quota does.
        UpdateExpression: `SET ${[
          ...fields.map(([name]) => `#${name} = :${name}`),
          ...(input.quota ? ['quota_used = if_not_exists(quota_used, :fresh)'] : []),
        ].join(', ')}`,
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: Object.fromEntries(fields.map(([name]) => [`#${name}`, name])),
        ExpressionAttributeValues: {
          ...Object.fromEntries(fields.map(([name, value]) => [`:${name}`, value])),
          ...(input.quota ? { ':fresh': freshQuotaCounts(input.quota, new Date()) } : {}),
        },
        ReturnValues: 'ALL_OLD',
      }),
    );
    const before = StoredOperator.parse(Attributes);
    return { before, after: StoredOperator.parse({ ...before, ...input }) };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw notFound('Operator', id);
    throw error;
  }
}

/** One operator, read strongly consistent. */
export async function getOperator(id: number): Promise<StoredOperator | undefined> {
  const item = await getItem(operatorKey(id));
  return item && StoredOperator.parse(item);
}

/** Sets or (with null) removes an operator's working hours. */
export const setWorkingHours = (id: number, schedule: WorkingHours | null): Promise<OperatorChange> =>
  updateOperatorFields(id, { schedule }, schedule ? 'schedule_set' : 'schedule_removed');

/** Sets an operator's load to a counted value, unless it moved since it was read. */
export async function correctLoad(id: number, seen: number, counted: number): Promise<boolean> {
  const db = database();
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: operatorKey(id),
        UpdateExpression: 'SET current_load = :counted',
        ConditionExpression: 'current_load = :seen',
        ExpressionAttributeValues: { ':counted': counted, ':seen': seen },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Strongly consistent reads of many operators; ids that do not exist are left out. */
export const getOperators = async (ids: readonly number[]): Promise<StoredOperator[]> =>
  (await getItems(ids.map(operatorKey))).map((item) => StoredOperator.parse(item));

/**
 * The parts of an update that count one contact against a quota whose counts are at `counts` and
 * whose definition is at `quota` on the same item: one more in this period's entry, the other
 * periods' entries removed, and a condition that the entry is still below the quota's `max` as
 * stored, so that concurrent claims can never take it past.
 */
function quotaCounting(charge: QuotaCharge | undefined, at: { counts: string; quota: string }, tag: string) {
  if (!charge) return { set: [], remove: [], condition: [], names: {}, values: {} };
  const entry = `${at.counts}.#${tag}Period`;
  return {
    set: [`${entry} = if_not_exists(${entry}, :zero) + :one`],
    remove: charge.stale.map((_, i) => `${at.counts}.#${tag}Stale${i}`),
    condition: [`(attribute_not_exists(${entry}) OR ${entry} < ${at.quota}.#max)`],
    names: {
      [`#${tag}Period`]: charge.period,
      '#max': 'max',
      ...Object.fromEntries(charge.stale.map((key, i) => [`#${tag}Stale${i}`, key])),
    },
    values: { ':zero': 0 },
  };
}

const withNames = (names: Record<string, string>) => (Object.keys(names).length ? { ExpressionAttributeNames: names } : {});

const updateOf = (set: string[], remove: string[]) =>
  [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : ''].filter(Boolean).join(' ');

/**
 * The transaction step that takes one unit of an operator's capacity. It fails, and so cancels the
 * whole transaction, if the operator filled up since they were read, or (for new work) was switched
 * off or went away, or reached their quota; a reopened contact returns to its operator whether or not
 * they take new work. Routed through a source (`viaSource`), it counts the contact on their entry for
 * that source and against the assignment's quota, and fails if they were taken off the source
 * meanwhile. Working hours and heartbeats are judged when the operator is read: they are facts of the
 * clock.
 */
export function claimCapacity({ operatorId, newWork, quota, viaSource, sourceQuota }: Claim): TransactItem {
  const operatorQuota = quotaCounting(quota, { counts: 'quota_used', quota: 'quota' }, 'own');
  const via = viaSource === undefined ? undefined : 'via.#source';
  const assignmentQuota = via ? quotaCounting(sourceQuota, { counts: `${via}.quota_used`, quota: `${via}.quota` }, 'source') : undefined;
  return {
    Update: {
      TableName: database().tableName,
      Key: operatorKey(operatorId),
      UpdateExpression: updateOf(
        [
          'current_load = current_load + :one',
          ...(via ? [`${via}.assigned = if_not_exists(${via}.assigned, :zero) + :one`] : []),
          ...operatorQuota.set,
          ...(assignmentQuota?.set ?? []),
        ],
        [...operatorQuota.remove, ...(assignmentQuota?.remove ?? [])],
      ),
      ConditionExpression: [
        newWork
          ? 'is_active = :true AND current_load < max_load AND (attribute_not_exists(presence) OR presence = :available)'
          : 'current_load < max_load',
        ...(via ? [`attribute_exists(${via})`] : []),
        ...operatorQuota.condition,
        ...(assignmentQuota?.condition ?? []),
      ].join(' AND '),
      ...withNames({ ...operatorQuota.names, ...assignmentQuota?.names, ...(via ? { '#source': String(viaSource) } : {}) }),
      ExpressionAttributeValues: {
        ':one': 1,
        ...(newWork ? { ':true': true, ':available': 'available' } : {}),
        ...(via ? { ':zero': 0 } : {}),
        ...operatorQuota.values,
        ...assignmentQuota?.values,
      },
    },
  };
}

/** The transaction step that gives one unit of capacity back; it never takes a load below zero. */
export function releaseCapacity(operatorId: number): TransactItem {
  return {
    Update: {
      TableName: database().tableName,
      Key: operatorKey(operatorId),
      UpdateExpression: 'SET current_load = current_load - :one',
      ConditionExpression: 'current_load >= :one',
      ExpressionAttributeValues: { ':one': 1 },
    },
  };
}

export type { TransactItem };
