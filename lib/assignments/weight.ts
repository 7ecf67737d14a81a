import { dispatchBacklog, DISPATCH_BUDGET_PER_REQUEST } from '../contacts/dispatch';
import { deleteAssignment, listAssignmentRecords, setAssignmentWeight } from '../db/assignments';
import type { Page, PageRequest } from '../db/pagination';
import type { Assignment, AssignmentWeightInput } from '../schemas/assignments';
import { assignmentViews } from './view';

/**
 * Changes how much of a source's flow an operator gets (weight and quota); a raised weight or a quota
 * with more room may take waiting contacts at once.
 */
export async function changeWeight(id: number, input: AssignmentWeightInput): Promise<Assignment> {
  const { before, after } = await setAssignmentWeight(id, input);
  const moreRoom = after.weight > before.weight || (before.quota !== null && (after.quota === null || after.quota.max > before.quota.max));
  if (moreRoom) await dispatchBacklog([after.source_id], { budget: DISPATCH_BUDGET_PER_REQUEST });
  return (await assignmentViews([after]))[0]!;
}

/** Takes an operator off a source: no new contacts from it; the ones they have stay theirs. */
export const removeAssignment = (id: number): Promise<void> => deleteAssignment(id);

/** Assignments in id order, a page at a time, as they stand now. */
export async function listAssignments(page: PageRequest, now = new Date()): Promise<Page<Assignment>> {
  const { items, nextCursor } = await listAssignmentRecords(page);
  return { items: await assignmentViews(items, now), ...(nextCursor ? { nextCursor } : {}) };
}
