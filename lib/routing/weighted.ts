import { unavailability, type Availability, type Unavailability } from '../availability/presence';
import { quotaReached, type Quota, type QuotaCounts } from '../availability/quota';

/** A source of uniform numbers in [0, 1), injectable so that routing is reproducible in tests. */
export type Random = () => number;

/** An operator as routing sees it: assigned to the source with a weight, and their live state. */
export interface Candidate extends Availability {
  operatorId: number;
  /** For the people who read explanations and stats; routing never looks at it. */
  name?: string | undefined;
  weight: number;
  /** Contacts this source has given them so far (for round robin and the stats). */
  assigned: number;
  /** New contacts this source may give them per calendar period (the assignment's quota). */
  sourceQuota?: Quota | null | undefined;
  sourceQuotaCounts?: QuotaCounts | undefined;
  /** This contact was offered to them already in its current round, and they declined it or let it expire. */
  hadOffer?: 'declined' | 'expired' | undefined;
}

export type Ineligibility = Unavailability | 'weight_zero' | 'declined' | 'expired';

/** Why an operator cannot take this contact now, or undefined if they can. */
export function ineligibility(candidate: Candidate, now: Date): Ineligibility | undefined {
  if (!candidate.isActive) return 'inactive';
  if (candidate.weight <= 0) return 'weight_zero';
  if (candidate.hadOffer) return candidate.hadOffer;
  return (
    unavailability(candidate, now) ?? (quotaReached(candidate.sourceQuota, candidate.sourceQuotaCounts, now) ? 'quota_reached' : undefined)
  );
}

/** The operators who can take this contact now: active, available, within hours, with room and quota left, a positive weight, not passed over for it. */
export const isEligible =
  (now: Date) =>
  (candidate: Candidate): boolean =>
    ineligibility(candidate, now) === undefined;

/**
 * Picks one item with probability weight / sum of weights; items of weight 0 or less are never picked.
 * Returns undefined when nothing has a positive weight.
 */
export function pickWeighted<T extends { weight: number }>(items: readonly T[], random: Random): T | undefined {
  const weighted = items.filter((item) => item.weight > 0);
  const total = weighted.reduce((sum, item) => sum + item.weight, 0);
  let remaining = random() * total;
  for (const item of weighted) {
    remaining -= item.weight;
    if (remaining < 0) return item;
  }
  // Floating-point rounding can leave a sliver at the very top of the range; it belongs to the last item.
  return weighted.at(-1);
}
