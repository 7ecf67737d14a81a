import { deletionRecord } from '../audit/trail';
import { deleteWithAssignments } from '../db/assignments';
import { operatorKey } from '../db/keys';
import { getOperator } from '../db/operators';
import { ConflictError, notFound } from '../errors';

/**
 * Deletes an operator and their assignments, in one transaction that holds only while they have no
 * open contacts (`current_load = 0`), so a contact claimed meanwhile stops it. Someone with open
 * contacts is a 409: close or reassign those, or deactivate the operator instead.
 */
export async function removeOperator(id: number): Promise<void> {
  const operator = await getOperator(id);
  if (!operator) throw notFound('Operator', id);
  const assignments = Object.entries(operator.via).map(([sourceId, counts]) => ({
    id: counts.id,
    source_id: Number(sourceId),
    operator_id: id,
  }));
  const result = await deleteWithAssignments(
    operatorKey(id),
    'operator',
    assignments,
    'attribute_exists(PK) AND current_load = :zero',
    { ':zero': 0 },
    deletionRecord('operator', id, undefined),
  );
  if (result.deleted) return;
  if (!result.item) throw notFound('Operator', id);
  throw new ConflictError(
    `Operator ${id} has ${String((result.item as { current_load?: unknown }).current_load)} open contacts; close or reassign them, or deactivate the operator instead`,
  );
}
