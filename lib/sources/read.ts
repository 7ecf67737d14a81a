import { candidatesOf } from '../contacts/placement';
import { getOperators } from '../db/operators';
import { getSourceRouting } from '../db/sources';
import { notFound } from '../errors';
import { isEligible } from '../routing/weighted';
import type { SourceStats, SourceWithAssignments } from '../schemas/sources';

async function routingOf(id: number) {
  const routing = await getSourceRouting(id);
  if (!routing) throw notFound('Source', id);
  return routing;
}

/** A source with its weighted operators, in operator id order. */
export async function readSource(id: number): Promise<SourceWithAssignments> {
  const { source, assignments } = await routingOf(id);
  return { ...source, assignments };
}

/**
 * How a source's contacts split against how they should: per assigned operator, the share they
 * should get now (weight / sum of eligible weights) and the share they got (from the counters kept in
 * the claim transaction, so nothing is scanned).
 */
export async function sourceStats(id: number): Promise<SourceStats> {
  const routing = await routingOf(id);
  const [candidates, operators] = await Promise.all([
    candidatesOf(routing),
    getOperators(routing.assignments.map((a) => a.operator_id)),
  ]);
  const names = new Map(operators.map((o) => [o.id, o.name]));
  const eligibleWeight = candidates.filter(isEligible).reduce((sum, c) => sum + c.weight, 0);
  const totalAssigned = candidates.reduce((sum, c) => sum + c.assigned, 0);
  return {
    source_id: id,
    mode: routing.source.routing.mode,
    sticky: routing.source.routing.sticky,
    total_assigned: totalAssigned,
    operators: candidates.map((c) => ({
      operator_id: c.operatorId,
      name: names.get(c.operatorId) ?? '',
      weight: c.weight,
      eligible: isEligible(c),
      expected_share: isEligible(c) && eligibleWeight > 0 ? c.weight / eligibleWeight : 0,
      assigned: c.assigned,
      actual_share: totalAssigned > 0 ? c.assigned / totalAssigned : 0,
      current_load: c.currentLoad,
      max_load: c.maxLoad,
    })),
  };
}
