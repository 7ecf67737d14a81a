// The API's shapes as the dashboard reads them, written after lib/schemas (a hand copy still: the
// page's build does not read the API's sources yet). Fields marked optional the page can do without.

export interface Operator {
  id: number;
  name: string;
  is_active: boolean;
  max_load: number;
  current_load: number;
  presence?: Presence;
  presence_timeout_s?: number | null;
  eligible_now?: boolean;
  not_eligible_because?: Unavailability | null;
  telegram_linked?: boolean;
}

export const PRESENCES = ['available', 'away', 'offline'] as const;
export type Presence = (typeof PRESENCES)[number];
export type Unavailability = 'inactive' | 'away' | 'offline' | 'presence_timed_out' | 'out_of_hours' | 'full' | 'quota_reached';

export interface WorkingHours {
  time_zone: string;
  weekly: { day: string; from: string; to: string }[];
  exceptions: ({ date: string; off: true } | { date: string; from: string; to: string })[];
}

export const ROUTING_MODES = ['weighted_random', 'weighted_round_robin', 'smooth_weighted', 'least_loaded'] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];

export interface OfferPolicy {
  timeout_s: number;
  max_offers: number;
  on_away: 'reoffer' | 'keep';
}

export interface RoutingPolicy {
  mode: RoutingMode;
  sticky: boolean;
  offer?: OfferPolicy;
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

export type ContactStatus = 'open' | 'offered' | 'closed';

export interface Contact {
  id: number;
  lead_id: number;
  source_id: number;
  operator_id: number | null;
  created_at: string;
  status?: ContactStatus;
  closed_at?: string | null;
  offer_expires_at?: string | null;
  needs_manager?: boolean;
  priority?: number;
}

export interface Offer {
  operator_id: number;
  offered_at: string;
  outcome: 'pending' | 'accepted' | 'declined' | 'expired' | 'moved_on_away' | 'withdrawn';
  decided_at: string | null;
}

export type CandidateReason = 'eligible' | Unavailability | 'weight_zero' | 'declined' | 'expired' | 'lost_race';

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
  offers?: Offer[];
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
  offers_accepted?: number;
  offers_declined?: number;
  offers_expired?: number;
  median_seconds_to_accept?: number | null;
  /** The period's routing decisions they won, and in how many they were not eligible, by reason. */
  routed?: number;
  passed_over?: Partial<Record<CandidateReason, number>>;
}

/** `GET /sources/{source_id}/stats`, or the same figures counted in the page (model/shares.ts). */
export interface SourceShares {
  source_id: number;
  mode: RoutingMode;
  operators: OperatorShare[];
  median_seconds_to_assign?: number | null;
  period?: { from: string | null; to: string | null; routing_decisions: number };
}

/** How far back the share chart counts: everything the stats keep, or the last day, week or month. */
export const SHARE_PERIODS = ['all', 'day', 'week', 'month'] as const;
export type SharePeriod = (typeof SHARE_PERIODS)[number];

/** One operator in `POST /sources/{source_id}/simulate`'s answer. */
export interface SimulatedOperator {
  operator_id: number;
  name: string;
  weight: number;
  contacts: number;
  share: number;
  peak_load: number;
  hours_at_capacity: number;
}

export interface SimulationOutcome {
  contacts: number;
  assigned: number;
  waited: number;
  unassigned: number;
  median_wait_seconds: number | null;
  p95_wait_seconds: number | null;
  operators: SimulatedOperator[];
}

/** `POST /sources/{source_id}/simulate`: the simulated outcome beside what really happened. */
export interface Simulation {
  source_id: number;
  seed: number;
  mode: RoutingMode;
  replay: { kind: 'period' | 'synthetic'; from: string; to: string; contacts: number; truncated: boolean };
  simulated: SimulationOutcome;
  actual: SimulationOutcome | null;
}

export type AuditedEntity = 'operator' | 'source' | 'assignment' | 'contact' | 'lead' | 'subscription' | 'api_key';

/** One change made by hand (`GET /audit/`): when, by which key, and each field before and after. */
export interface AuditRecord {
  id: string;
  at: string;
  action: string;
  key_id: string | null;
  key_name: string | null;
  entity: AuditedEntity;
  entity_id: number | string;
  changes: Record<string, { from: unknown; to: unknown }>;
}
