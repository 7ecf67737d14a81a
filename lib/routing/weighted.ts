/** A source of uniform numbers in [0, 1), injectable so that routing is reproducible in tests. */
export type Random = () => number;

/** An operator as routing sees it: assigned to the source with a weight, and their live load. */
export interface Candidate {
  operatorId: number;
  weight: number;
  isActive: boolean;
  currentLoad: number;
  maxLoad: number;
  /** Contacts this source has given them so far (for round robin and the stats). */
  assigned: number;
}

export type Ineligibility = 'inactive' | 'full' | 'weight_zero';

/** Why an operator cannot take a new contact, or undefined if they can. */
export function ineligibility(candidate: Candidate): Ineligibility | undefined {
  if (!candidate.isActive) return 'inactive';
  if (candidate.weight <= 0) return 'weight_zero';
  if (candidate.currentLoad >= candidate.maxLoad) return 'full';
  return undefined;
}

/** The seed's eligibility rule: active, below `max_load`, and a positive weight on this source. */
export const isEligible = (candidate: Candidate): boolean => ineligibility(candidate) === undefined;

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

/** The operator a new contact goes to under the seed's rule: a weighted pick among the eligible, or none. */
export const pickOperator = (candidates: readonly Candidate[], random: Random): Candidate | undefined =>
  pickWeighted(candidates.filter(isEligible), random);
