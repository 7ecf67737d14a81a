import type { RoutingExplanation } from './explanation';
import { pickLeastLoaded, pickRoundRobin } from './modes';
import { operatorOfTurn, windowOf } from './smooth';
import { pickWeighted, type Candidate } from './weighted';

/**
 * The operator a stored routing decision picks when made again from its explanation alone: the
 * eligible operators as they were read, and what the mode drew (weighted random's number, smooth
 * weighted's turn). A decision that replays to someone else than its winner was not made by the rules
 * it records. Undefined when the explanation cannot say (a manual pick, a mode's facts missing).
 */
export function replayDecision(explanation: RoutingExplanation): number | null | undefined {
  if (explanation.decided_by === 'manual') return undefined;
  if (explanation.decided_by === 'sticky') return explanation.previous_operator_id;
  const eligible: Candidate[] = explanation.candidates
    .filter((candidate) => candidate.eligible)
    .map((candidate) => ({
      operatorId: candidate.operator_id,
      weight: candidate.weight,
      assigned: candidate.assigned ?? 0,
      currentLoad: candidate.current_load,
      maxLoad: candidate.max_load,
      isActive: true,
    }));
  if (eligible.length === 0) return null;
  // Round robin decides by counts that explanations stored before they recorded them do not hold.
  if (explanation.mode === 'weighted_round_robin' && explanation.candidates.some((c) => c.eligible && c.assigned === undefined))
    return undefined;
  const pick = (): Candidate | undefined => {
    if (explanation.mode === 'weighted_round_robin') return pickRoundRobin(eligible);
    if (explanation.mode === 'least_loaded') return pickLeastLoaded(eligible);
    if (explanation.turn) {
      return operatorOfTurn(eligible, { window: windowOf(eligible), start: explanation.turn.start }, explanation.turn.index);
    }
    const { draw } = explanation;
    return draw === null ? undefined : pickWeighted(eligible, () => draw);
  };
  const chosen = pick();
  return chosen === undefined ? undefined : chosen.operatorId;
}
