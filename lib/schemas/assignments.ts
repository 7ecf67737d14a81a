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

/** An assignment as stored: its quota's counts by period, kept by the claim transaction, which checks them. */
export const StoredAssignment = Assignment.extend({ quota_used: QuotaCounts });
export type StoredAssignment = z.infer<typeof StoredAssignment>;
