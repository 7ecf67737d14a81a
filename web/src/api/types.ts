// The API's shapes as the dashboard reads them: the types of the zod schemas the API answers with
// (lib/schemas), never a copy. The constants are the API's own lists; the bundler keeps only them.

import type { CANDIDATE_REASONS } from '../../../lib/schemas/routing';
import type { Simulation } from '../../../lib/schemas/simulation';
import type { SourceStats } from '../../../lib/schemas/sources';

export { PRESENCES, type Presence } from '../../../lib/availability/presence';
export { WEEKDAYS, type Weekday } from '../../../lib/availability/schedule';
export { ROUTING_MODES, type RoutingMode } from '../../../lib/routing/modes';
export type { Assignment } from '../../../lib/schemas/assignments';
export type { AuditedEntity, AuditRecord } from '../../../lib/schemas/audit';
export type { Contact, ContactStatus, ContactWithRouting } from '../../../lib/schemas/contacts';
export type { Operator } from '../../../lib/schemas/operators';
export type { RoutingPolicy } from '../../../lib/schemas/routing';
export type { WorkingHours } from '../../../lib/schemas/schedules';
export type { Simulation };
export type { Source } from '../../../lib/schemas/sources';

/** Why a routing decision passed an operator over, or `eligible`. */
export type CandidateReason = (typeof CANDIDATE_REASONS)[number];

/** `GET /sources/{source_id}/stats`: each operator's expected and actual share of the source's contacts. */
export type SourceShares = SourceStats;

/** One side of a what-if: the simulated outcome, or what really happened over the same contacts. */
export type SimulationOutcome = Simulation['simulated'];

/** How far back the share chart counts: everything the stats keep, or the last day, week or month. */
export const SHARE_PERIODS = ['all', 'day', 'week', 'month'] as const;
export type SharePeriod = (typeof SHARE_PERIODS)[number];
