import { quotaUsed } from '../availability/quota';
import { getOperators } from '../db/operators';
import type { Assignment, AssignmentRecord, SourceCounts } from '../schemas/assignments';

/**
 * An assignment as the API shows it at `now`: as set, with the contacts its source gave the operator
 * and the count of its quota's current period, from its entry on the operator's item.
 */
export const assignmentView = (record: AssignmentRecord, counts: SourceCounts | undefined, now: Date = new Date()): Assignment => ({
  ...record,
  assigned: counts?.assigned ?? 0,
  quota_used: record.quota ? quotaUsed(record.quota, counts?.quota_used, now) : null,
});

/** Assignments as the API shows them, their counts read from their operators' items. */
export async function assignmentViews(records: readonly AssignmentRecord[], now: Date = new Date()): Promise<Assignment[]> {
  const operators = new Map((await getOperators([...new Set(records.map((r) => r.operator_id))])).map((o) => [o.id, o]));
  return records.map((record) => assignmentView(record, operators.get(record.operator_id)?.via[String(record.source_id)], now));
}
