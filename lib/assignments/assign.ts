import { dispatchBacklog, DISPATCH_BUDGET_PER_REQUEST } from '../contacts/dispatch';
import { createAssignment } from '../db/assignments';
import type { Assignment, AssignmentInput } from '../schemas/assignments';
import { assignmentViews } from './view';

/** Assigns an operator to a source; contacts waiting there may go to them at once. */
export async function assignOperator(input: AssignmentInput): Promise<Assignment> {
  const record = await createAssignment(input);
  await dispatchBacklog([input.source_id], { budget: DISPATCH_BUDGET_PER_REQUEST });
  return (await assignmentViews([record]))[0]!;
}
