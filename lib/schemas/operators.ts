import * as z from 'zod';
import { Id, Name, PathId } from './common';

/** Body of `POST /operators/` and `PUT /operators/{operator_id}`. */
export const OperatorInput = z.object({
  name: Name,
  is_active: z.boolean().default(true),
  max_load: z.number().int().min(0).max(1_000_000),
});
export type OperatorInput = z.infer<typeof OperatorInput>;

/** Body of `PATCH /operators/{operator_id}`: any of the fields, at least one. */
export const OperatorPatch = z
  .object({ name: Name.optional(), is_active: z.boolean().optional(), max_load: OperatorInput.shape.max_load.optional() })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), 'give at least one of name, is_active, max_load');

export const OperatorPath = z.object({ operator_id: PathId });

export const Operator = z.object({
  id: Id,
  name: z.string(),
  is_active: z.boolean(),
  max_load: z.number().int(),
  current_load: z.number().int(),
});
export type Operator = z.infer<typeof Operator>;

/** `GET /operators/{operator_id}/load`: the stored load beside the count of open contacts. */
export const OperatorLoad = z.object({
  operator_id: Id,
  is_active: z.boolean(),
  current_load: z.number().int(),
  max_load: z.number().int(),
  free_capacity: z.number().int(),
  open_contacts: z.number().int(),
});
export type OperatorLoad = z.infer<typeof OperatorLoad>;
