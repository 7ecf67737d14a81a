import type { Assignment, Contact, Operator, RoutingMode, SourceShares } from '../api/types';

/**
 * Expected against actual shares of one source, counted in the page for an API without
 * `GET /sources/{id}/stats`, with the same definitions: an operator's expected share is their weight
 * over the weights of the operators who could take a contact now (assigned, switched on, with room),
 * 0 for the others; the actual share is their part of the source's assigned contacts.
 */
export function countShares(
  sourceId: number,
  mode: RoutingMode,
  operators: readonly Operator[],
  assignments: readonly Assignment[],
  contactsOfSource: readonly Contact[],
): SourceShares {
  const byId = new Map(operators.map((operator) => [operator.id, operator]));
  const rows = assignments
    .filter((assignment) => assignment.source_id === sourceId && byId.has(assignment.operator_id))
    .map((assignment) => ({ assignment, operator: byId.get(assignment.operator_id)! }));
  const canTake = (operator: Operator) => operator.is_active && operator.current_load < operator.max_load;
  const eligibleWeight = rows.reduce((sum, { assignment, operator }) => sum + (canTake(operator) ? assignment.weight : 0), 0);
  const assigned = new Map<number, number>();
  for (const contact of contactsOfSource) {
    if (contact.source_id === sourceId && contact.operator_id !== null) {
      assigned.set(contact.operator_id, (assigned.get(contact.operator_id) ?? 0) + 1);
    }
  }
  const totalAssigned = rows.reduce((sum, { operator }) => sum + (assigned.get(operator.id) ?? 0), 0);
  return {
    source_id: sourceId,
    mode,
    operators: rows.map(({ assignment, operator }) => ({
      operator_id: operator.id,
      name: operator.name,
      weight: assignment.weight,
      expected_share: eligibleWeight > 0 && canTake(operator) ? assignment.weight / eligibleWeight : 0,
      assigned: assigned.get(operator.id) ?? 0,
      actual_share: totalAssigned > 0 ? (assigned.get(operator.id) ?? 0) / totalAssigned : 0,
      current_load: operator.current_load,
      max_load: operator.max_load,
    })),
  };
}
