// The API's shapes as the dashboard reads them. Fields that only newer versions of the API have are
// optional: the page works with both (see capabilities.ts).

export interface Operator {
  id: number;
  name: string;
  is_active: boolean;
  max_load: number;
  current_load: number;
}

export const ROUTING_MODES = ['weighted_random', 'weighted_round_robin', 'least_loaded'] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];

export interface RoutingPolicy {
  mode: RoutingMode;
  sticky: boolean;
}

export interface Source {
  id: number;
  name: string;
  routing?: RoutingPolicy;
}

export interface Assignment {
  id: number;
  operator_id: number;
  source_id: number;
  weight: number;
}

export type ContactStatus = 'open' | 'closed';

export interface Contact {
  id: number;
  lead_id: number;
  source_id: number;
  operator_id: number | null;
  created_at: string;
  status?: ContactStatus;
  closed_at?: string | null;
}

export type CandidateReason = 'eligible' | 'inactive' | 'full' | 'weight_zero' | 'lost_race';

export interface RoutingCandidate {
  operator_id: number;
  weight: number;
  current_load: number;
  max_load: number;
  eligible: boolean;
  reason: CandidateReason;
}

export interface RoutingExplanation {
  mode: RoutingMode;
  attempts: number;
  winner: number | null;
  candidates: RoutingCandidate[];
  sticky?: boolean;
  decided_by?: string;
}

export interface ContactWithRouting extends Contact {
  routing: RoutingExplanation | null;
}

export interface OperatorShare {
  operator_id: number;
  name: string;
  weight: number;
  /** 0..1 */
  expected_share: number;
  assigned: number;
  /** 0..1 */
  actual_share: number;
  current_load: number;
  max_load: number;
}

/** `GET /sources/{source_id}/stats`, or the same figures counted in the page (model/shares.ts). */
export interface SourceShares {
  source_id: number;
  mode: RoutingMode;
  operators: OperatorShare[];
}
