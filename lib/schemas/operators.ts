import * as z from 'zod';
import { PRESENCES, UNAVAILABILITY } from '../availability/presence';
import { Id, Name, PathId, Timestamp } from './common';
import { SourceCounts } from './assignments';
import { Quota, QuotaCounts } from './quotas';
import { WorkingHours } from './schedules';

const Presence = z.enum(PRESENCES);
/** Seconds without a heartbeat after which the operator counts as away; null for no liveness check. */
const PresenceTimeout = z.number().int().min(10).max(86_400).nullable();

/** Body of `POST /operators/` and `PUT /operators/{operator_id}`. */
export const OperatorInput = z.object({
  name: Name,
  is_active: z.boolean().default(true),
  max_load: z.number().int().min(0).max(1_000_000),
  presence: Presence.optional(),
  presence_timeout_s: PresenceTimeout.optional(),
  /** New contacts per calendar period from all sources together; null for none, omitted to keep it as it is. */
  quota: Quota.nullable().optional(),
});
export type OperatorInput = z.infer<typeof OperatorInput>;

/** Body of `PATCH /operators/{operator_id}`: any of the fields, at least one. */
export const OperatorPatch = z
  .object({
    name: Name.optional(),
    // No default here: a PATCH that does not name is_active leaves it as it is.
    is_active: z.boolean().optional(),
    max_load: OperatorInput.shape.max_load.optional(),
    presence: Presence.optional(),
    presence_timeout_s: PresenceTimeout.optional(),
    quota: OperatorInput.shape.quota,
  })
  .refine(
    (patch) => Object.values(patch).some((value) => value !== undefined),
    'give at least one of name, is_active, max_load, presence, presence_timeout_s, quota',
  );
export type OperatorPatch = z.infer<typeof OperatorPatch>;

export const OperatorPath = z.object({ operator_id: PathId });

/** An operator as stored: their settings, live load, last heartbeat and working hours. */
export const StoredOperator = z.object({
  id: Id,
  name: z.string(),
  is_active: z.boolean(),
  max_load: z.number().int(),
  current_load: z.number().int(),
  // Operators stored before presence existed are available, with no liveness check and no hours.
  presence: Presence.default('available'),
  presence_timeout_s: PresenceTimeout.default(null),
  last_heartbeat_at: Timestamp.nullable().default(null),
  schedule: WorkingHours.nullable().default(null),
  /** The Telegram chat the operators' bot sends their offers to, once they linked it. */
  telegram_chat_id: z.number().int().nullable().default(null),
  quota: Quota.nullable().default(null),
  /** Contacts counted against the quota, by period: kept by the claim transaction, which checks it. */
  quota_used: QuotaCounts,
  /** Per source they are assigned to (by source id): what the claim transaction checks and counts there. */
  via: z.record(z.string(), SourceCounts).default({}),
});
export type StoredOperator = z.infer<typeof StoredOperator>;

/** An operator as the API shows them: with whether they can take a new contact now, and why not. */
export const Operator = StoredOperator.omit({ schedule: true, telegram_chat_id: true, quota_used: true, via: true }).extend({
  /** Contacts counted against the quota in the current period; null without a quota. */
  quota_used: z.number().int().nullable(),
  /** Whether the operator linked a Telegram chat to get their offers in (`POST /operators/{id}/telegram-link`). */
  telegram_linked: z.boolean(),
  /** Active, available (and heard from in time), within working hours and under `max_load`. */
  eligible_now: z.boolean(),
  not_eligible_because: z.enum(UNAVAILABILITY).nullable(),
});
export type Operator = z.infer<typeof Operator>;

/** `GET /operators/{operator_id}/load`: the stored load beside the count of open and offered contacts. */
export const OperatorLoad = z.object({
  operator_id: Id,
  is_active: z.boolean(),
  current_load: z.number().int(),
  max_load: z.number().int(),
  free_capacity: z.number().int(),
  open_contacts: z.number().int(),
  offered_contacts: z.number().int(),
});
export type OperatorLoad = z.infer<typeof OperatorLoad>;
