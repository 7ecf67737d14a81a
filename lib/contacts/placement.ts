import type { ChangeOutcome } from '../db/contacts';
import { getOperators } from '../db/operators';
import { backoffDelay, pause } from '../db/retry';
import type { SourceRouting } from '../db/sources';
import { UnavailableError } from '../errors';
import { pickOperator, type Candidate, type Random } from '../routing/weighted';

/** Transaction conflicts tolerated before a request gives up with a 503. */
export const MAX_CONFLICT_RETRIES = 8;

/** The operators assigned to a source, with their weights there and their live loads. */
export async function candidatesOf(routing: SourceRouting): Promise<Candidate[]> {
  const operators = await getOperators(routing.assignments.map((assignment) => assignment.operator_id));
  const byId = new Map(operators.map((operator) => [operator.id, operator]));
  return routing.assignments.flatMap(({ operator_id, weight }) => {
    const operator = byId.get(operator_id);
    return operator
      ? [{ operatorId: operator_id, weight, isActive: operator.is_active, currentLoad: operator.current_load, maxLoad: operator.max_load }]
      : [];
  });
}

export type PlacementOutcome = Exclude<ChangeOutcome, 'operator_unavailable' | 'conflict'> | 'no_operator';

export interface Placement {
  outcome: PlacementOutcome;
  chosen: Candidate | undefined;
  /** Operators whose claim failed: full or inactive by now. */
  rejected: Candidate[];
}

/**
 * Picks an operator among `candidates` and commits the change that gives them the contact. An
 * operator who filled up meanwhile is dropped and the pick made again among the rest (weighted
 * sampling without replacement, so each remaining eligible operator keeps weight / sum); colliding
 * transactions are retried with jittered backoff. With nobody eligible, `commit` is called with no
 * operator, unless `requireOperator`, which ends in `no_operator` instead. Other outcomes are the
 * caller's to handle.
 */
export async function placeContact(
  candidates: readonly Candidate[],
  random: Random,
  commit: (chosen: Candidate | undefined) => Promise<ChangeOutcome>,
  { requireOperator = false } = {},
): Promise<Placement> {
  const rejected: Candidate[] = [];
  for (let conflicts = 0; ; ) {
    const chosen = pickOperator(candidates.filter((candidate) => !rejected.includes(candidate)), random);
    if (!chosen && requireOperator) return { outcome: 'no_operator', chosen, rejected };
    const outcome = await commit(chosen);
    if (outcome === 'operator_unavailable') {
      rejected.push(chosen!);
    } else if (outcome === 'conflict') {
      if (++conflicts > MAX_CONFLICT_RETRIES) throw new UnavailableError('Too many concurrent changes, retry shortly');
      await pause(backoffDelay(conflicts, random));
    } else {
      return { outcome, chosen, rejected };
    }
  }
}
