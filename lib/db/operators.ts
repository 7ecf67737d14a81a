import { UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { notFound } from '../errors';
import { StoredOperator, type OperatorInput } from '../schemas/operators';
import { freshQuotaCounts, type QuotaCharge } from '../availability/quota';
import type { WorkingHours } from '../schemas/schedules';
import { stamped } from '../audit/trail';
import { database } from './client';
import { nextId } from './ids';
import { getItem, getItems, putNewItem } from './items';
import { assignmentKey, operatorKey, operatorKeys } from './keys';
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
 * The parts of an update that count one contact against an item's quota: one more in this period's
 * entry of `quota_used`, the other periods' entries removed, and a condition that the entry is still
 * below the quota's `max` as stored, so that concurrent claims can never take it past.
 */
function quotaCounting(charge: QuotaCharge | undefined) {
  if (!charge) return { set: [], remove: [], condition: [], names: {}, values: {} };
  return {
    set: ['quota_used.#period = if_not_exists(quota_used.#period, :zero) + :one'],
    remove: charge.stale.map((_, i) => `quota_used.#stale${i}`),
    condition: ['(attribute_not_exists(quota_used.#period) OR quota_used.#period < quota.#max)'],
    names: { '#period': charge.period, '#max': 'max', ...Object.fromEntries(charge.stale.map((key, i) => [`#stale${i}`, key])) },
    values: { ':zero': 0 },
  };
}

const updateOf = (set: string[], add: string[], remove: string[]) =>
  [set.length ? `SET ${set.join(', ')}` : '', add.length ? `ADD ${add.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : '']
    .filter(Boolean)
    .join(' ');

const withNames = (names: Record<string, string>) => (Object.keys(names).length ? { ExpressionAttributeNames: names } : {});

/**
 * The transaction step that takes one unit of an operator's capacity. It fails, and so cancels the
 * whole transaction, if the operator filled up since they were read, or (for new work) was switched
 * off or went away, or reached their quota (`quota`: the charge, when they have one); a reopened
 * contact returns to its operator whether or not they take new work. Working hours and heartbeats are
 * judged when the operator is read: they are facts of the clock.
 */
export function claimCapacity(operatorId: number, { newWork, quota }: { newWork: boolean; quota?: QuotaCharge | undefined }): TransactItem {
  const counting = quotaCounting(quota);
  return {
    Update: {
      TableName: database().tableName,
      Key: operatorKey(operatorId),
      UpdateExpression: updateOf(['current_load = current_load + :one', ...counting.set], [], counting.remove),
      ConditionExpression: [
        newWork
          ? 'is_active = :true AND current_load < max_load AND (attribute_not_exists(presence) OR presence = :available)'
          : 'current_load < max_load',
        ...counting.condition,
      ].join(' AND '),
      ...withNames(counting.names),
      ExpressionAttributeValues: { ':one': 1, ...(newWork ? { ':true': true, ':available': 'available' } : {}), ...counting.values },
    },
  };
}

/**
 * The transaction step that counts a contact given to an operator through a source (the round-robin
 * shares and the stats read it), and against the assignment's quota (`quota`: the charge, when it has
 * one). It fails if the assignment was removed meanwhile or its quota was reached.
 */
export function countAssigned(sourceId: number, operatorId: number, quota?: QuotaCharge): TransactItem {
  const counting = quotaCounting(quota);
  return {
    Update: {
      TableName: database().tableName,
      Key: assignmentKey(sourceId, operatorId),
      UpdateExpression: updateOf(counting.set, ['assigned :one'], counting.remove),
      ConditionExpression: ['attribute_exists(PK)', ...counting.condition].join(' AND '),
      ...withNames(counting.names),
      ExpressionAttributeValues: { ':one': 1, ...counting.values },
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
