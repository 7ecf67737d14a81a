import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, notFound } from '../errors';
import { Assignment, type AssignmentInput } from '../schemas/assignments';
import { database } from './client';
import { cancellationCodes } from './failures';
import { nextId } from './ids';
import { getItem } from './items';
import { assignmentKey, assignmentKeys, listPartition, type Key, operatorKey, operatorPartition, padId, SOURCE_PREFIX, sourceKey } from './keys';
import { listEntities, queryPage, type Page, type PageRequest } from './pagination';

const alreadyAssigned = ({ operator_id, source_id }: AssignmentInput) =>
  new ConflictError(`Operator ${operator_id} is already assigned to source ${source_id}`);

/**
 * Assigns an operator to a source with a weight. Checks first, so that a rejected request writes
 * nothing (not even an id), then writes under conditions, so that a concurrent change cannot slip in.
 */
export async function createAssignment(input: AssignmentInput): Promise<Assignment> {
  const { operator_id, source_id } = input;
  const [operator, source, existing] = await Promise.all([
    getItem(operatorKey(operator_id)),
    getItem(sourceKey(source_id)),
    getItem(assignmentKey(source_id, operator_id)),
  ]);
  if (!operator) throw notFound('Operator', operator_id);
  if (!source) throw notFound('Source', source_id);
  if (existing) throw alreadyAssigned(input);

  const assignment: Assignment = { id: await nextId('ASSIGNMENT'), ...input, assigned: 0 };
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
              Item: { ...assignmentKeys(assignment.id, source_id, operator_id), ...assignment },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
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
export const listAssignments = (page: PageRequest): Promise<Page<Assignment>> =>
  listEntities('ASSIGNMENT', Assignment, page);

/** The ids of the sources an operator is assigned to (their GSI2 partition). */
export async function sourceIdsOfOperator(operatorId: number): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage(
      { index: 'GSI2', partition: operatorPartition(operatorId), sortKeyPrefix: SOURCE_PREFIX },
      Assignment,
      { limit: 500, cursor },
    );
    ids.push(...page.items.map((assignment) => assignment.source_id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/** An assignment by its id (through the list index, which may lag its creation by a moment). */
export async function findAssignment(id: number): Promise<Assignment> {
  const db = database();
  const { Items = [] } = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK = :sk',
      ExpressionAttributeValues: { ':pk': listPartition.ASSIGNMENT, ':sk': padId(id) },
    }),
  );
  if (!Items[0]) throw notFound('Assignment', id);
  return Assignment.parse(Items[0]);
}

/** Changes an assignment's weight; returns it as it was and as it is. */
export async function setAssignmentWeight(id: number, weight: number): Promise<{ before: Assignment; after: Assignment }> {
  const before = await findAssignment(id);
  const db = database();
  try {
    const { Attributes } = await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: assignmentKey(before.source_id, before.operator_id),
        UpdateExpression: 'SET weight = :weight',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':weight': weight },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { before, after: Assignment.parse(Attributes) };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw notFound('Assignment', id);
    throw error;
  }
}

/** Removes an assignment: the operator takes no more contacts from that source and keeps those they have. */
export async function deleteAssignment(id: number): Promise<void> {
  const { source_id, operator_id } = await findAssignment(id);
  const db = database();
  try {
    await db.client.send(
      new DeleteCommand({ TableName: db.tableName, Key: assignmentKey(source_id, operator_id), ConditionExpression: 'attribute_exists(PK)' }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw notFound('Assignment', id);
    throw error;
  }
}

/** The most items one DynamoDB transaction takes. */
const TRANSACTION_LIMIT = 100;

/**
 * Deletes an item and every assignment that refers to it in one transaction, on `condition` (with
 * `values`) holding for the item; answers what the item was when the condition failed, or nothing
 * if it did not exist.
 */
export async function deleteWithAssignments(
  key: Key,
  assignmentKeys: Key[],
  condition: string,
  values?: Record<string, unknown>,
): Promise<{ deleted: true } | { deleted: false; item: Record<string, unknown> | undefined }> {
  if (assignmentKeys.length >= TRANSACTION_LIMIT) {
    throw new ConflictError(`${assignmentKeys.length} assignments are more than one change can remove; remove some first`);
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
