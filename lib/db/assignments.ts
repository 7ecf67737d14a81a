import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { deletionRecord, stamped } from '../audit/trail';
import { freshQuotaCounts } from '../availability/quota';
import { ConflictError, notFound } from '../errors';
import { StoredAssignment, type AssignmentInput, type AssignmentWeightInput } from '../schemas/assignments';
import { database } from './client';
import { cancellationCodes } from './failures';
import { nextId } from './ids';
import { getItem, listedItem } from './items';
import { assignmentIdKey, assignmentKey, assignmentKeys, type Key, operatorKey, operatorPartition, SOURCE_PREFIX, sourceKey } from './keys';
import { listEntities, queryPage, type Page, type PageRequest } from './pagination';

const alreadyAssigned = ({ operator_id, source_id }: AssignmentInput) =>
  new ConflictError(`Operator ${operator_id} is already assigned to source ${source_id}`);

/**
 * Assigns an operator to a source with a weight. Checks first, so that a rejected request writes
 * nothing (not even an id), then writes under conditions, so that a concurrent change cannot slip in.
 */
export async function createAssignment(input: AssignmentInput): Promise<StoredAssignment> {
  const { operator_id, source_id } = input;
  const [operator, source, existing] = await Promise.all([
    getItem(operatorKey(operator_id)),
    getItem(sourceKey(source_id)),
    getItem(assignmentKey(source_id, operator_id)),
  ]);
  if (!operator) throw notFound('Operator', operator_id);
  if (!source) throw notFound('Source', source_id);
  if (existing) throw alreadyAssigned(input);

  const quota = input.quota ?? null;
  const assignment: StoredAssignment = {
    id: await nextId('ASSIGNMENT'),
    ...input,
    quota,
    assigned: 0,
    quota_used: quota ? freshQuotaCounts(quota, new Date()) : {},
  };
  const { quota_used, ...fields } = assignment;
  const db = database();
  try {
    await db.client.send(
      new TransactWriteCommand({
        TransactItems: [
          { ConditionCheck: { TableName: db.tableName, Key: operatorKey(operator_id), ConditionExpression: 'attribute_exists(PK)' } },
          { ConditionCheck: { TableName: db.tableName, Key: sourceKey(source_id), ConditionExpression: 'attribute_exists(PK)' } },
          {
            Put: {
              TableName: db.tableName,
              Item: {
                ...assignmentKeys(assignment.id, source_id, operator_id),
                ...fields,
                ...(quota ? { quota_used } : {}),
                ...stamped('created'),
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          { Put: { TableName: db.tableName, Item: { ...assignmentIdKey(assignment.id), source_id, operator_id } } },
        ],
      }),
    );
  } catch (error) {
    const [operatorGone, sourceGone, taken] = cancellationCodes(error) ?? [];
    if (operatorGone === 'ConditionalCheckFailed') throw notFound('Operator', operator_id);
    if (sourceGone === 'ConditionalCheckFailed') throw notFound('Source', source_id);
    if (taken === 'ConditionalCheckFailed') throw alreadyAssigned(input);
    throw error;
  }
  return assignment;
}

/** Assignments in id order, a page at a time. */
export const listAssignments = (page: PageRequest): Promise<Page<StoredAssignment>> => listEntities('ASSIGNMENT', StoredAssignment, page);

/** The assignments of an operator (their GSI2 partition). */
export async function assignmentsOfOperator(operatorId: number): Promise<StoredAssignment[]> {
  const assignments: StoredAssignment[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage(
      { index: 'GSI2', partition: operatorPartition(operatorId), sortKeyPrefix: SOURCE_PREFIX },
      StoredAssignment,
      {
        limit: 500,
        cursor,
      },
    );
    assignments.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return assignments;
}

/** The ids of the sources an operator is assigned to. */
export const sourceIdsOfOperator = async (operatorId: number): Promise<number[]> =>
  (await assignmentsOfOperator(operatorId)).map((assignment) => assignment.source_id);

/**
 * An assignment by its id, strongly consistent: its id item names its source and operator. Ones made
 * before id items existed are found through the list index instead.
 */
export async function findAssignment(id: number): Promise<StoredAssignment> {
  const pointer = await getItem(assignmentIdKey(id));
  const item = pointer
    ? await getItem(assignmentKey(Number(pointer.source_id), Number(pointer.operator_id)))
    : await listedItem('ASSIGNMENT', id);
  if (!item || item.id !== id) throw notFound('Assignment', id);
  return StoredAssignment.parse(item);
}

/** Changes an assignment's weight, and its quota when given; returns it as it was and as it is. */
export async function setAssignmentWeight(
  id: number,
  { weight, quota }: AssignmentWeightInput,
): Promise<{ before: StoredAssignment; after: StoredAssignment }> {
  const before = await findAssignment(id);
  const db = database();
  const { audit } = stamped('updated');
  try {
    const { Attributes } = await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: assignmentKey(before.source_id, before.operator_id),
        // The claim transaction counts into quota_used's entries, so the map must exist once a quota does.
        UpdateExpression: [
          'SET weight = :weight',
          ...(quota === undefined ? [] : ['quota = :quota']),
          ...(quota ? ['quota_used = if_not_exists(quota_used, :fresh)'] : []),
          ...(audit ? ['audit = :audit'] : []),
        ].join(', '),
        ConditionExpression: 'id = :id',
        ExpressionAttributeValues: {
          ':weight': weight,
          ':id': id,
          ...(quota === undefined ? {} : { ':quota': quota }),
          ...(quota ? { ':fresh': freshQuotaCounts(quota, new Date()) } : {}),
          ...(audit ? { ':audit': audit } : {}),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { before, after: StoredAssignment.parse(Attributes) };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw notFound('Assignment', id);
    throw error;
  }
}

/** Removes an assignment, with its id item: the operator takes no more contacts from that source and keeps those they have. */
export async function deleteAssignment(id: number): Promise<void> {
  const found = await findAssignment(id);
  const { source_id, operator_id } = found;
  const db = database();
  try {
    await db.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: db.tableName,
              Key: assignmentKey(source_id, operator_id),
              ConditionExpression: 'id = :id',
              ExpressionAttributeValues: { ':id': id },
            },
          },
          { Delete: { TableName: db.tableName, Key: assignmentIdKey(id) } },
          ...deletionRecord('assignment', id, found),
        ],
      }),
    );
  } catch (error) {
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') throw notFound('Assignment', id);
    throw error;
  }
}

/** The most items one DynamoDB transaction takes. */
const TRANSACTION_LIMIT = 100;

/**
 * Deletes an item and every assignment that refers to it (with their id items) in one transaction,
 * on `condition` (with `values`) holding for the item; answers what the item was when the condition
 * failed, or nothing if it did not exist.
 */
export async function deleteWithAssignments(
  key: Key,
  assignments: Pick<StoredAssignment, 'id' | 'source_id' | 'operator_id'>[],
  condition: string,
  values?: Record<string, unknown>,
  /** What else the transaction writes: the deletion's audit record. */
  alongside: NonNullable<TransactWriteCommandInput['TransactItems']> = [],
): Promise<{ deleted: true } | { deleted: false; item: Record<string, unknown> | undefined }> {
  const assignmentKeys = assignments.flatMap((a) => [assignmentKey(a.source_id, a.operator_id), assignmentIdKey(a.id)]);
  if (assignmentKeys.length + alongside.length >= TRANSACTION_LIMIT) {
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
          ...assignmentKeys.map((assignment) => ({ Delete: { TableName: db.tableName, Key: { ...assignment } } })),
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
