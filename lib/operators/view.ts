import { unavailability, type Availability } from '../availability/presence';
import { quotaUsed } from '../availability/quota';
import type { Operator, StoredOperator } from '../schemas/operators';

/** What routing needs to know of an operator to judge whether they can take new work. */
export const availabilityOf = (operator: StoredOperator): Availability => ({
  isActive: operator.is_active,
  presence: operator.presence,
  presenceTimeoutS: operator.presence_timeout_s,
  lastHeartbeatAt: operator.last_heartbeat_at,
  workingHours: operator.schedule,
  currentLoad: operator.current_load,
  maxLoad: operator.max_load,
  quota: operator.quota,
  quotaCounts: operator.quota_used,
});

/** True when the operator can take a new contact at `now`, whatever the source. */
export const canTakeWork = (operator: StoredOperator, now: Date): boolean => unavailability(availabilityOf(operator), now) === undefined;

/** An operator as the API shows them at `now`: without their schedule, with whether they can take a contact now and why not. */
export function operatorView(operator: StoredOperator, now: Date = new Date()): Operator {
  const { schedule: _schedule, telegram_chat_id, quota_used, via: _via, ...shown } = operator;
  const reason = unavailability(availabilityOf(operator), now) ?? null;
  return {
    ...shown,
    quota_used: operator.quota ? quotaUsed(operator.quota, quota_used, now) : null,
    telegram_linked: telegram_chat_id !== null,
    eligible_now: reason === null,
    not_eligible_because: reason,
  };
}
