import { quotaReached, type Quota, type QuotaCounts } from './quota';
import { isWithinHours, type WorkingHours } from './schedule';

export const PRESENCES = ['available', 'away', 'offline'] as const;
export type Presence = (typeof PRESENCES)[number];

/** What decides whether an operator can take a new contact right now, whatever the source. */
export interface Availability {
  isActive: boolean;
  presence?: Presence | undefined;
  /** With liveness on, the operator counts as away once this many seconds pass without a heartbeat. */
  presenceTimeoutS?: number | null | undefined;
  /** ISO time of the last heartbeat, if any. */
  lastHeartbeatAt?: string | null | undefined;
  workingHours?: WorkingHours | null | undefined;
  currentLoad: number;
  maxLoad: number;
  /** New contacts allowed per calendar period, from all sources together. */
  quota?: Quota | null | undefined;
  quotaCounts?: QuotaCounts | undefined;
}

export const UNAVAILABILITY = ['inactive', 'away', 'offline', 'presence_timed_out', 'out_of_hours', 'full', 'quota_reached'] as const;
export type Unavailability = (typeof UNAVAILABILITY)[number];

/** True while liveness is on and the last heartbeat is older than the timeout (or never came). */
export function presenceTimedOut(operator: Pick<Availability, 'presenceTimeoutS' | 'lastHeartbeatAt'>, now: Date): boolean {
  if (operator.presenceTimeoutS == null) return false;
  const last = operator.lastHeartbeatAt ? Date.parse(operator.lastHeartbeatAt) : Number.NEGATIVE_INFINITY;
  return now.getTime() - last > operator.presenceTimeoutS * 1000;
}

/**
 * Why an operator cannot take a new contact now, or undefined if they can: switched off, away or
 * offline (or silent past their heartbeat timeout), out of their working hours, at `max_load`, or at
 * their quota for the period.
 */
export function unavailability(operator: Availability, now: Date): Unavailability | undefined {
  if (!operator.isActive) return 'inactive';
  const presence = operator.presence ?? 'available';
  if (presence !== 'available') return presence;
  if (presenceTimedOut(operator, now)) return 'presence_timed_out';
  if (operator.workingHours && !isWithinHours(operator.workingHours, now)) return 'out_of_hours';
  if (operator.currentLoad >= operator.maxLoad) return 'full';
  if (quotaReached(operator.quota, operator.quotaCounts, now)) return 'quota_reached';
  return undefined;
}
