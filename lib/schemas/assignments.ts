import * as z from 'zod';
import { Id, PathId } from './common';
import { Quota, QuotaCounts } from './quotas';

const Weight = z.number().int().min(1).max(1_000_000);

/** New contacts this source may give the operator per calendar period; null for none. */
const AssignmentQuota = Quota.nullable();

/** Body of `POST /assignments/`: operator `operator_id` takes contacts of source `source_id` with this weight. */
export const AssignmentInput = z.object({ operator_id: Id, source_id: Id, weight: Weight, quota: AssignmentQuota.default(null) });
// What callers give: the quota may be left out.
export type AssignmentInput = z.input<typeof AssignmentInput>;

/** Body of `PUT /assignments/{assignment_id}`: the weight, and the quota (omitted: kept as it is). */
export const AssignmentWeightInput = z.object({ weight: Weight, quota: AssignmentQuota.optional() });
export type AssignmentWeightInput = z.infer<typeof AssignmentWeightInput>;

export const AssignmentPath = z.object({ assignment_id: PathId });

export const Assignment = z.object({
  id: Id,
  operator_id: Id,
  source_id: Id,
  weight: z.number().int(),
  /** Contacts this source has given this operator. */
  assigned: z.number().int().default(0),
  quota: AssignmentQuota.default(null),
  /** Contacts counted against the quota in the current period; null without a quota. */
  quota_used: z.number().int().nullable(),
});
export type Assignment = z.infer<typeof Assignment>;

/** An assignment's own item: what was set (listed, found by id, audited). */
export const AssignmentRecord = Assignment.pick({ id: true, operator_id: true, source_id: true, weight: true, quota: true });
export type AssignmentRecord = z.infer<typeof AssignmentRecord>;

/**
 * What the claim transaction checks and counts for one source on its operator's item: the contacts
 * the source gave them, and the assignment's quota with its counts by period. On the operator's item
 * so that a registration writes one item for the operator, not two.
 */
export const SourceCounts = z.object({
  /** The assignment's id. */
  id: Id,
  assigned: z.number().int().default(0),
  quota: AssignmentQuota.default(null),
  quota_used: QuotaCounts,
});
export type SourceCounts = z.infer<typeof SourceCounts>;

/** A weight as the source's own item holds it, under the operator's id: what routing reads with the source. */
export const RoutingWeight = z.object({ id: Id, weight: z.number().int() });
export type RoutingWeight = z.infer<typeof RoutingWeight>;
