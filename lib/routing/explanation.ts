import type { Decision, RoutingPolicy } from './modes';
import { ineligibility, type Candidate } from './weighted';

import type { Ineligibility } from './weighted';

export type CandidateReason = 'eligible' | Ineligibility | 'lost_race';

/** What made the contact be routed: its arrival, freed capacity, a manager, or an offer that ended. */
export const ROUTING_TRIGGERS = ['registration', 'dispatch', 'reassign', 'decline', 'expiry', 'away'] as const;

export interface CandidateExplanation {
  operator_id: number;
  weight: number;
  current_load: number;
  max_load: number;
  /** Contacts the source had given them when read (what round robin decides by); absent from explanations stored before it was. */
  assigned?: number | undefined;
  eligible: boolean;
  /** `lost_race`: eligible when read, but full or switched off by the time the claim was made. */
  reason: CandidateReason;
}

/** Why a contact went where it went: everything the decision was made from. */
export interface RoutingExplanation {
  trigger: (typeof ROUTING_TRIGGERS)[number];
  mode: RoutingPolicy['mode'];
  sticky: boolean;
  /** The lead's previous operator, when the source is sticky and there was one. */
  previous_operator_id: number | null;
  /** `manual`: an operator chosen by a person (a reassignment to a named operator). */
  decided_by: Decision | 'manual';
  /** Transactions tried, the successful one included. */
  attempts: number;
  winner: number | null;
  candidates: CandidateExplanation[];
  /** Weighted random's uniform draw in [0, 1): replayed over the eligible weights, it picks the winner again. */
  draw: number | null;
  /** Smooth weighted's turn: the turn its window began at and this contact's turn within the window. */
  turn: { start: number; index: number } | null;
  routed_at: string;
}

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
