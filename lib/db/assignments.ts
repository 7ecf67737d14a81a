import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { deletionRecord, stamped } from '../audit/trail';
import { freshQuotaCounts } from '../availability/quota';
import { ConflictError, notFound } from '../errors';
import { AssignmentRecord, type AssignmentInput, type AssignmentWeightInput, type RoutingWeight } from '../schemas/assignments';
import { database } from './client';
import { cancellationCodes } from './failures';
import { nextId } from './ids';
import { getItem } from './items';
import { assignmentKey, assignmentKeys, type Key, operatorKey, sourceKey } from './keys';
import { listEntities, type Page, type PageRequest } from './pagination';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const alreadyAssigned = ({ operator_id, source_id }: Pick<AssignmentInput, 'operator_id' | 'source_id'>) =>
  new ConflictError(`Operator ${operator_id} is already assigned to source ${source_id}`);

/** An assignment's entry on its operator's item as it starts: nothing counted; a quota's counts start at its current period. */
const freshCounts = (id: number, quota: AssignmentRecord['quota']) => ({
  id,
  assigned: 0,
  quota,
  // Counts only with a quota: the claim counts into them then.
  ...(quota ? { quota_used: freshQuotaCounts(quota, new Date()) } : {}),
});

/**
 * Assigns an operator to a source with a weight. Checks first, so that a rejected request writes
 * nothing (not even an id), then writes in one transaction, under conditions a concurrent change
 * would break: the assignment's own item, its weight on the source's item and its counts on the
 * operator's.
 */
export async function createAssignment(input: AssignmentInput): Promise<AssignmentRecord> {
  const { operator_id, source_id, weight } = input;
  const [operator, source] = await Promise.all([getItem(operatorKey(operator_id)), getItem(sourceKey(source_id))]);
  if (!operator) throw notFound('Operator', operator_id);
  if (!source) throw notFound('Source', source_id);
  if ((source.assignments as Record<string, unknown> | undefined)?.[operator_id]) throw alreadyAssigned(input);

  const record: AssignmentRecord = { id: await nextId('ASSIGNMENT'), operator_id, source_id, weight, quota: input.quota ?? null };
  const db = database();
  const routingWeight: RoutingWeight = { id: record.id, weight };
  try {
    await db.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: db.tableName,
              Key: sourceKey(source_id),
              UpdateExpression: 'SET assignments.#op = :weight',
              ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(assignments.#op)',
              ExpressionAttributeNames: { '#op': String(operator_id) },
              ExpressionAttributeValues: { ':weight': routingWeight },
            },
          },
          {
            Update: {
              TableName: db.tableName,
              Key: operatorKey(operator_id),
              UpdateExpression: 'SET via.#source = :counts',
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeNames: { '#source': String(source_id) },
              ExpressionAttributeValues: { ':counts': freshCounts(record.id, record.quota) },
            },
          },
          {
            Put: {
              TableName: db.tableName,
              Item: { ...assignmentKeys(record.id), ...record, ...stamped('created') },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
        ],
      }),
    );
  } catch (error) {
    const [sourceFailed, operatorGone] = cancellationCodes(error) ?? [];
    if (operatorGone === 'ConditionalCheckFailed') throw notFound('Operator', operator_id);
    if (sourceFailed === 'ConditionalCheckFailed') {
      throw (await getItem(sourceKey(source_id))) ? alreadyAssigned(input) : notFound('Source', source_id);
    }
    throw error;
  }
  return record;
}

/** Assignments in id order, a page at a time. */
export const listAssignmentRecords = (page: PageRequest): Promise<Page<AssignmentRecord>> =>
  listEntities('ASSIGNMENT', AssignmentRecord, page);

/** An assignment by its id, strongly consistent. */
export async function findAssignment(id: number): Promise<AssignmentRecord> {
  const item = await getItem(assignmentKey(id));
  if (!item) throw notFound('Assignment', id);
  return AssignmentRecord.parse(item);
}

/**
 * Changes an assignment's weight, and its quota when given (a new quota's counts start from its
 * current period; a kept one keeps its counts), on all three of its items at once.
 */
export async function setAssignmentWeight(
  id: number,
  { weight, quota }: AssignmentWeightInput,
): Promise<{ before: AssignmentRecord; after: AssignmentRecord }> {
  const before = await findAssignment(id);
  const after: AssignmentRecord = { ...before, weight, ...(quota === undefined ? {} : { quota }) };
  const db = database();
  const { audit } = stamped('updated');
  const steps: TransactItem[] = [
    {
      Update: {
        TableName: db.tableName,
        Key: assignmentKey(id),
        UpdateExpression: `SET weight = :weight, quota = :quota${audit ? ', audit = :audit' : ''}`,
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':weight': weight, ':quota': after.quota, ...(audit ? { ':audit': audit } : {}) },
      },
    },
    {
      Update: {
        TableName: db.tableName,
        Key: sourceKey(before.source_id),
        UpdateExpression: 'SET assignments.#op.weight = :weight',
        ConditionExpression: 'assignments.#op.id = :id',
        ExpressionAttributeNames: { '#op': String(before.operator_id) },
        ExpressionAttributeValues: { ':weight': weight, ':id': id },
      },
    },
  ];
  if (quota !== undefined) {
    steps.push({
      Update: {
        TableName: db.tableName,
        Key: operatorKey(before.operator_id),
        // The claim transaction counts into quota_used's entries, so the map must exist once a quota does.
        UpdateExpression: `SET via.#source.quota = :quota${quota ? ', via.#source.quota_used = if_not_exists(via.#source.quota_used, :fresh)' : ''}`,
        ConditionExpression: 'via.#source.id = :id',
        ExpressionAttributeNames: { '#source': String(before.source_id) },
        ExpressionAttributeValues: { ':quota': quota, ':id': id, ...(quota ? { ':fresh': freshQuotaCounts(quota, new Date()) } : {}) },
      },
    });
  }
  try {
    await db.client.send(new TransactWriteCommand({ TransactItems: steps }));
  } catch (error) {
    if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) throw notFound('Assignment', id);
    throw error;
  }
  return { before, after };
}

/**
 * The transaction steps that delete an assignment's own item and take it off its source's item and
 * its operator's, but for the side that is being deleted in the same transaction.
 */
function unassignSteps(
  { id, source_id, operator_id }: Pick<AssignmentRecord, 'id' | 'source_id' | 'operator_id'>,
  deleting?: 'operator' | 'source',
): TransactItem[] {
  const db = database();
  const steps: TransactItem[] = [
    { Delete: { TableName: db.tableName, Key: assignmentKey(id), ConditionExpression: 'attribute_exists(PK)' } },
  ];
  if (deleting !== 'source') {
    steps.push({
      Update: {
        TableName: db.tableName,
        Key: sourceKey(source_id),
        UpdateExpression: 'REMOVE assignments.#op',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#op': String(operator_id) },
      },
    });
  }
  if (deleting !== 'operator') {
    steps.push({
      Update: {
        TableName: db.tableName,
        Key: operatorKey(operator_id),
        UpdateExpression: 'REMOVE via.#source',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#source': String(source_id) },
      },
    });
  }
  return steps;
}

/** Removes an assignment: the operator takes no more contacts from that source and keeps those they have. */
export async function deleteAssignment(id: number): Promise<void> {
  const found = await findAssignment(id);
  const db = database();
  try {
    await db.client.send(
      new TransactWriteCommand({ TransactItems: [...unassignSteps(found), ...deletionRecord('assignment', id, found)] }),
    );
  } catch (error) {
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') throw notFound('Assignment', id);
    throw error;
  }
}

/** The most items one DynamoDB transaction takes. */
const TRANSACTION_LIMIT = 100;

/**
 * Deletes an operator's or a source's item, with every assignment it has (their own items, and their
 * entries on the other side: the sources of a deleted operator, the operators of a deleted source),
 * in one transaction, on `condition` (with `values`) holding for the item; answers what the item was
 * when the condition failed, or nothing if it did not exist.
 */
export async function deleteWithAssignments(
  key: Key,
  side: 'operator' | 'source',
  assignments: Pick<AssignmentRecord, 'id' | 'source_id' | 'operator_id'>[],
  condition: string,
  values?: Record<string, unknown>,
  /** What else the transaction writes: the deletion's audit record. */
  alongside: TransactItem[] = [],
): Promise<{ deleted: true } | { deleted: false; item: Record<string, unknown> | undefined }> {
  const unassigned = assignments.flatMap((assignment) => unassignSteps(assignment, side));
  if (unassigned.length + alongside.length >= TRANSACTION_LIMIT) {
    throw new ConflictError(`${assignments.length} assignments are more than one change can remove; remove some first`);
  }
  const db = database();
  try {
    await db.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: db.tableName,
              Key: { ...key },
              ConditionExpression: condition,
              ExpressionAttributeValues: values,
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          ...unassigned,
          ...alongside,
        ],
      }),
    );
    return { deleted: true };
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes?.[0] !== 'ConditionalCheckFailed') throw error;
    const reason = (error as { CancellationReasons?: { Item?: Record<string, unknown> }[] }).CancellationReasons?.[0];
    return { deleted: false, item: reason?.Item };
  }
}
