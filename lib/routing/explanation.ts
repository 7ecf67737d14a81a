import type { RoutingExplanation } from '../schemas/routing';
import type { Decision, RoutingPolicy } from './modes';
import { ineligibility, type Candidate } from './weighted';

import type { Ineligibility } from './weighted';

export type CandidateReason = 'eligible' | Ineligibility | 'lost_race';

// Stored with each contact: its type is its schema's (lib/schemas/routing.ts).
export type { CandidateExplanation, RoutingExplanation } from '../schemas/routing';

/** What made the contact be routed: its arrival, freed capacity, a manager, or an offer that ended. */
export const ROUTING_TRIGGERS = ['registration', 'dispatch', 'reassign', 'decline', 'expiry', 'away'] as const;

export interface ExplanationFacts {
  trigger: RoutingExplanation['trigger'];
  policy: RoutingPolicy;
  previousOperatorId: number | undefined;
  /** The candidates as read, before this decision. */
  candidates: readonly Candidate[];
  /** Those whose claim failed along the way. */
  lostRace: readonly Candidate[];
  chosen: Candidate | undefined;
  decidedBy: Decision | 'manual';
  draw?: number | undefined;
  turn?: { start: number; index: number } | undefined;
  attempts: number;
  at: Date;
}

/** Builds the explanation stored with a contact. */
export function explainRouting(facts: ExplanationFacts): RoutingExplanation {
  return {
    trigger: facts.trigger,
    mode: facts.policy.mode,
    sticky: facts.policy.sticky,
    previous_operator_id: facts.previousOperatorId ?? null,
    decided_by: facts.decidedBy,
    attempts: facts.attempts,
    winner: facts.chosen?.operatorId ?? null,
    candidates: facts.candidates.map((candidate) => {
      const reason = facts.lostRace.some((lost) => lost.operatorId === candidate.operatorId)
        ? 'lost_race'
        : (ineligibility(candidate, facts.at) ?? 'eligible');
      return {
        operator_id: candidate.operatorId,
        weight: candidate.weight,
        current_load: candidate.currentLoad,
        max_load: candidate.maxLoad,
        assigned: candidate.assigned,
        eligible: reason === 'eligible',
        reason,
      };
    }),
    draw: facts.draw ?? null,
    turn: facts.turn ?? null,
    routed_at: facts.at.toISOString(),
  };
}
