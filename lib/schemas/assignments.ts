import * as z from 'zod';
import { Id } from './common';

/** Body of `POST /assignments/`: operator `operator_id` takes contacts of source `source_id` with this weight. */
export const AssignmentInput = z.object({
  operator_id: Id,
  source_id: Id,
  weight: z.number().int().min(1).max(1_000_000),
});
export type AssignmentInput = z.infer<typeof AssignmentInput>;

export const Assignment = z.object({ id: Id, operator_id: Id, source_id: Id, weight: z.number().int() });
export type Assignment = z.infer<typeof Assignment>;
