import { assignmentView } from '../assignments/view';
import { candidatesOf } from '../contacts/placement';
import { latestContactsOfSource, type StoredContact } from '../db/contacts';
import { getOperators } from '../db/operators';
import { getSourceRouting } from '../db/sources';
import { notFound } from '../errors';
import { isEligible } from '../routing/weighted';
import type { RoutingExplanation } from '../routing/explanation';
import type { SourceStats, SourceStatsQuery, SourceWithAssignments } from '../schemas/sources';

async function routingOf(id: number) {
  const routing = await getSourceRouting(id);
  if (!routing) throw notFound('Source', id);
  return routing;
}

/** A source with its weighted operators, in operator id order. */
export async function readSource(id: number, now = new Date()): Promise<SourceWithAssignments> {
  const { source, assignments } = await routingOf(id);
  const operators = new Map((await getOperators(assignments.map((a) => a.operator_id))).map((operator) => [operator.id, operator]));
  return {
    ...source,
    assignments: assignments.map(({ id: assignmentId, operator_id, weight }) => {
      const counts = operators.get(operator_id)?.via[String(id)];
      return assignmentView({ id: assignmentId, operator_id, source_id: id, weight, quota: counts?.quota ?? null }, counts, now);
    }),
  };
}

/** How many of a source's latest contacts the offer measures are counted over. */
export const STATS_SAMPLE = 1_000;

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const secondsBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

/** Per operator, how their offers on these contacts ended and how long they took to accept. */
function offerMeasures(contacts: StoredContact[]) {
  const byOperator = new Map<number, { accepted: number; declined: number; expired: number; toAccept: number[] }>();
  for (const offer of contacts.flatMap((contact) => contact.offers)) {
    const counts = byOperator.get(offer.operator_id) ?? { accepted: 0, declined: 0, expired: 0, toAccept: [] };
    byOperator.set(offer.operator_id, counts);
    if (offer.outcome === 'accepted') {
      counts.accepted++;
      counts.toAccept.push(secondsBetween(offer.offered_at, offer.decided_at!));
    } else if (offer.outcome === 'declined') counts.declined++;
    else if (offer.outcome === 'expired') counts.expired++;
  }
  return byOperator;
}

/** Per operator, what the routing decisions promised them (the sum of their share at each decision they were eligible for), won, and passed them over for. */
function decisionMeasures(decisions: RoutingExplanation[]) {
  const byOperator = new Map<number, { expected: number; routed: number; passedOver: Record<string, number> }>();
  const of = (id: number) => {
    const measures = byOperator.get(id) ?? { expected: 0, routed: 0, passedOver: {} };
    byOperator.set(id, measures);
    return measures;
  };
  for (const decision of decisions) {
    const eligibleWeight = decision.candidates.filter((c) => c.eligible).reduce((sum, c) => sum + c.weight, 0);
    for (const candidate of decision.candidates) {
      const measures = of(candidate.operator_id);
      if (candidate.eligible && eligibleWeight > 0) measures.expected += candidate.weight / eligibleWeight;
      else measures.passedOver[candidate.reason] = (measures.passedOver[candidate.reason] ?? 0) + 1;
    }
    if (decision.winner !== null) of(decision.winner).routed++;
  }
  return byOperator;
}

/**
 * How a source's contacts split against how they should, per assigned operator: over the period's
 * routing decisions (its latest contacts, at most `STATS_SAMPLE`, each with the explanation of how
 * it was last routed by weights or stickiness), the share the weights promised them among those
 * eligible at each decision, what they won, and why they were passed over; the share they should
 * get now; the share they got in all (from the counters kept in the claim transaction); and how
 * offers ended and how long contacts took to reach someone who has them.
 */
export async function sourceStats(id: number, now = new Date(), period: SourceStatsQuery = {}): Promise<SourceStats> {
  const routing = await routingOf(id);
  const [candidates, sampled] = await Promise.all([candidatesOf(routing), latestContactsOfSource(id, STATS_SAMPLE)]);
  const latest = sampled.filter(
    (contact) =>
      (!period.from || Date.parse(contact.created_at) >= Date.parse(period.from)) &&
      (!period.to || Date.parse(contact.created_at) < Date.parse(period.to)),
  );
  const decisions = latest.flatMap((contact) =>
    contact.routing && (contact.routing.decided_by === 'mode' || contact.routing.decided_by === 'sticky') ? [contact.routing] : [],
  );
  const routed = decisionMeasures(decisions);
  const eligible = isEligible(now);
  const eligibleWeight = candidates.filter(eligible).reduce((sum, c) => sum + c.weight, 0);
  const totalAssigned = candidates.reduce((sum, c) => sum + c.assigned, 0);
  const offers = offerMeasures(latest);
  const toAssign = latest.flatMap((contact) => (contact.assigned_at ? [secondsBetween(contact.created_at, contact.assigned_at)] : []));
  return {
    source_id: id,
    mode: routing.source.routing.mode,
    sticky: routing.source.routing.sticky,
    total_assigned: totalAssigned,
    sampled_contacts: latest.length,
    period: { from: period.from ?? null, to: period.to ?? null, routing_decisions: decisions.length },
    median_seconds_to_assign: median(toAssign),
    operators: candidates.map((c) => {
      const measured = offers.get(c.operatorId);
      const decided = routed.get(c.operatorId);
      const shareNow = eligible(c) && eligibleWeight > 0 ? c.weight / eligibleWeight : 0;
      return {
        operator_id: c.operatorId,
        name: c.name ?? '',
        weight: c.weight,
        eligible: eligible(c),
        expected_share: decisions.length > 0 ? (decided?.expected ?? 0) / decisions.length : shareNow,
        expected_share_now: shareNow,
        routed: decided?.routed ?? 0,
        passed_over: decided?.passedOver ?? {},
        assigned: c.assigned,
        actual_share: totalAssigned > 0 ? c.assigned / totalAssigned : 0,
        current_load: c.currentLoad,
        max_load: c.maxLoad,
        offers_accepted: measured?.accepted ?? 0,
        offers_declined: measured?.declined ?? 0,
        offers_expired: measured?.expired ?? 0,
        median_seconds_to_accept: median(measured?.toAccept ?? []),
      };
    }),
  };
}
