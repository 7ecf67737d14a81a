import * as z from 'zod';
import { Assignment } from './assignments';
import { Id, Name, PathId } from './common';
import { RoutingPolicy } from './routing';

/** Body of `POST /sources/` and `PUT /sources/{source_id}`. */
export const SourceInput = z.object({ name: Name, routing: RoutingPolicy.default({ mode: 'weighted_random', sticky: false }) });
export type SourceInput = z.infer<typeof SourceInput>;

export const SourcePath = z.object({ source_id: PathId });

export const Source = z.object({
  id: Id,
  name: z.string(),
  // Sources stored before routing policies existed route as the seed did.
  routing: RoutingPolicy.default({ mode: 'weighted_random', sticky: false }),
});
export type Source = z.infer<typeof Source>;

/** `GET /sources/{source_id}`: the source with its weighted operators. */
export const SourceWithAssignments = Source.extend({ assignments: z.array(Assignment) });
export type SourceWithAssignments = z.infer<typeof SourceWithAssignments>;

/** `GET /sources/{source_id}/stats`: how the source's contacts split, against how they should. */
export const SourceStats = z.object({
  source_id: Id,
  mode: RoutingPolicy.shape.mode,
  sticky: z.boolean(),
  total_assigned: z.number().int(),
  operators: z.array(
    z.object({
      operator_id: Id,
      name: z.string(),
      weight: z.number().int(),
      eligible: z.boolean(),
      /** weight / sum of weights of the operators eligible now; 0 for the others. */
      expected_share: z.number(),
      /** Contacts this source has given them, counted in the claim transaction. */
      assigned: z.number().int(),
      actual_share: z.number(),
      current_load: z.number().int(),
      max_load: z.number().int(),
    }),
  ),
});
export type SourceStats = z.infer<typeof SourceStats>;
