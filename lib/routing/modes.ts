import { operatorOfTurn, windowOf, type Rotation } from './smooth';
import { isEligible, pickWeighted, type Candidate, type Random } from './weighted';
import type { RoutingPolicy } from '../schemas/routing';

export const ROUTING_MODES = ['weighted_random', 'weighted_round_robin', 'smooth_weighted', 'least_loaded'] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];

/** What an offered operator who goes away or offline does to their pending offers. */
export const ON_AWAY = ['reoffer', 'keep'] as const;

// The policy's type is its schema's (lib/schemas/routing.ts): one definition, validated where it enters.
export type { OfferPolicy, RoutingPolicy } from '../schemas/routing';

export const DEFAULT_POLICY: RoutingPolicy = { mode: 'weighted_random', sticky: false };

const byId = (a: Candidate, b: Candidate) => a.operatorId - b.operatorId;

/**
 * Deterministic proportional shares (Balinski and Young's quota method): among the operators whose
 * next contact keeps them within their upper quota, the one with the smallest (assigned + 1) / weight,
 * ties to the lower id. Plain "smallest (assigned + 1) / weight" (D'Hondt) can run several contacts
 * ahead of a heavy operator's share; the quota guard keeps every operator within one contact of
 * weight / total weight of every prefix. Someone always passes the guard: the upper quotas of the
 * next step sum to more than the contacts given so far.
 */
export function pickRoundRobin(eligible: readonly Candidate[]): Candidate | undefined {
  const total = eligible.reduce((sum, c) => sum + c.weight, 0);
  const given = eligible.reduce((sum, c) => sum + c.assigned, 0);
  // ceil((given + 1) * weight / total), in integers so that no rounding can move the boundary.
  const withinQuota = (c: Candidate) => c.assigned + 1 <= Math.floor(((given + 1) * c.weight + total - 1) / total);
  let best: Candidate | undefined;
  for (const candidate of [...eligible].sort(byId)) {
    if (!withinQuota(candidate)) continue;
    // Smallest (assigned + 1) / weight, cross-multiplied to stay in integers.
    if (!best || (candidate.assigned + 1) * best.weight < (best.assigned + 1) * candidate.weight) best = candidate;
  }
  return best;
}

/** The eligible operator with the lowest `current_load / max_load`; ties to the higher weight, then the lower id. */
export function pickLeastLoaded(eligible: readonly Candidate[]): Candidate | undefined {
  return [...eligible].sort(
    (a, b) => a.currentLoad * b.maxLoad - b.currentLoad * a.maxLoad || b.weight - a.weight || a.operatorId - b.operatorId,
  )[0];
}

export type Decision = 'sticky' | 'mode' | 'none';

export interface Choice {
  chosen: Candidate | undefined;
  decidedBy: Decision;
  /** The uniform number a weighted random pick drew: with the eligible operators, it replays the pick. */
  draw?: number | undefined;
  /** The smooth weighted rotation's turn this pick took: where its window began and the turn within it. */
  turn?: { start: number; index: number } | undefined;
}

const stickyPick = (policy: RoutingPolicy, eligible: readonly Candidate[], lastOperatorId: number | undefined) =>
  policy.sticky && lastOperatorId !== undefined ? eligible.find((c) => c.operatorId === lastOperatorId) : undefined;

/**
 * The window a `smooth_weighted` source must take a turn in before `chooseOperator` can pick: who is
 * eligible now; undefined when no turn is needed (another mode, a sticky pick, nobody eligible).
 */
export function turnWindow(
  policy: RoutingPolicy,
  candidates: readonly Candidate[],
  now: Date,
  lastOperatorId?: number,
): string | undefined {
  if (policy.mode !== 'smooth_weighted') return undefined;
  const eligible = candidates.filter(isEligible(now));
  if (stickyPick(policy, eligible, lastOperatorId)) return undefined;
  const window = windowOf(eligible);
  return window === '' ? undefined : window;
}

/**
 * The operator a contact goes to under a source's policy: the lead's last operator when sticky and
 * they are eligible, otherwise the mode's pick among the eligible; none when nobody is eligible.
 */
export function chooseOperator(
  policy: RoutingPolicy,
  candidates: readonly Candidate[],
  random: Random,
  now: Date,
  lastOperatorId?: number,
  turn?: Rotation,
): Choice {
  const eligible = candidates.filter(isEligible(now));
  const previous = stickyPick(policy, eligible, lastOperatorId);
  if (previous) return { chosen: previous, decidedBy: 'sticky' };
  const decided = (chosen: Candidate | undefined, facts: Pick<Choice, 'draw' | 'turn'> = {}): Choice => ({
    chosen,
    decidedBy: chosen ? 'mode' : 'none',
    ...facts,
  });
  if (policy.mode === 'weighted_round_robin') return decided(pickRoundRobin(eligible));
  if (policy.mode === 'least_loaded') return decided(pickLeastLoaded(eligible));
  if (policy.mode === 'smooth_weighted' && turn?.window === windowOf(eligible)) {
    const index = turn.turn - turn.start - 1;
    return decided(operatorOfTurn(eligible, turn, index), { turn: { start: turn.start, index } });
  }
  // Also smooth weighted's pick outside its rotation: a re-offer or a reassignment among who is left.
  if (eligible.length === 0) return decided(undefined);
  const draw = random();
  return decided(
    pickWeighted(eligible, () => draw),
    { draw },
  );
}
