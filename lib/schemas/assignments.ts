import * as z from 'zod';
import { Id, PathId } from './common';

const Weight = z.number().int().min(1).max(1_000_000);

/** Body of `POST /assignments/`: operator `operator_id` takes contacts of source `source_id` with this weight. */
export const AssignmentInput = z.object({ operator_id: Id, source_id: Id, weight: Weight });
export type AssignmentInput = z.infer<typeof AssignmentInput>;

/** Body of `PUT /assignments/{assignment_id}`. */
export const AssignmentWeightInput = z.object({ weight: Weight });

export const AssignmentPath = z.object({ assignment_id: PathId });

export const Assignment = z.object({
  id: Id,
  operator_id: Id,
  source_id: Id,
  weight: z.number().int(),
  /** Contacts this source has given this operator. */
  assigned: z.number().int().default(0),
});
export type Assignment = z.infer<typeof Assignment>;
