import { candidatesOf } from '../contacts/placement';
import { latestContactsOfSource, type StoredContact } from '../db/contacts';
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

/**
 * How a source's contacts split against how they should: per assigned operator, the share they
 * should get now (weight / sum of eligible weights) and the share they got (from the counters kept in
 * the claim transaction, so nothing is scanned); and, over its latest `STATS_SAMPLE` contacts, how
 * offers ended and how long contacts took to reach someone who has them.
 */
export async function sourceStats(id: number, now = new Date()): Promise<SourceStats> {
  const routing = await routingOf(id);
  const [candidates, latest] = await Promise.all([candidatesOf(routing), latestContactsOfSource(id, STATS_SAMPLE)]);
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
    median_seconds_to_assign: median(toAssign),
    operators: candidates.map((c) => {
      const measured = offers.get(c.operatorId);
      return {
        operator_id: c.operatorId,
        name: c.name ?? '',
        weight: c.weight,
        eligible: eligible(c),
        expected_share: eligible(c) && eligibleWeight > 0 ? c.weight / eligibleWeight : 0,
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
