import { dispatchBacklog, DISPATCH_BUDGET_PER_REQUEST } from '../contacts/dispatch';
import { deleteAssignment, setAssignmentWeight } from '../db/assignments';
import type { Assignment } from '../schemas/assignments';

/** Changes how much of a source's flow an operator gets; a raised weight may take waiting contacts at once. */
export async function changeWeight(id: number, weight: number): Promise<Assignment> {
  const { before, after } = await setAssignmentWeight(id, weight);
  if (after.weight > before.weight) await dispatchBacklog([after.source_id], { budget: DISPATCH_BUDGET_PER_REQUEST });
  return after;
}

/** Takes an operator off a source: no new contacts from it; the ones they have stay theirs. */
export const removeAssignment = (id: number): Promise<void> => deleteAssignment(id);
