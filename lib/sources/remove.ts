import { deletionRecord } from '../audit/trail';
import { deleteWithAssignments } from '../db/assignments';
import { listContacts } from '../db/contacts';
import { sourceKey } from '../db/keys';
import { getSourceRouting } from '../db/sources';
import { ConflictError, notFound } from '../errors';

/**
 * Deletes a source that never had a contact, with its assignments, in one transaction. A source with
 * contacts is a 409 (they would lose where they came from): take its operators off it instead.
 */
export async function removeSource(id: number): Promise<void> {
  const [routing, contacts] = await Promise.all([getSourceRouting(id), listContacts({ source_id: id, limit: 1 })]);
  if (!routing) throw notFound('Source', id);
  if (contacts.items.length > 0) throw new ConflictError(`Source ${id} has contacts; remove its assignments instead of the source`);
  const result = await deleteWithAssignments(
    sourceKey(id),
    'source',
    routing.assignments.map(({ id: assignmentId, operator_id }) => ({ id: assignmentId, operator_id, source_id: id })),
    'attribute_exists(PK)',
    undefined,
    deletionRecord('source', id, routing.source),
  );
  if (!result.deleted) throw notFound('Source', id);
}
