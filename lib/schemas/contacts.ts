import * as z from 'zod';
import { Id, Timestamp } from './common';

/** Body of `POST /contacts/`: lead `lead_external_id` (phone, e-mail, ...) wrote through source `source_id`. */
export const RegisterContactInput = z.object({
  lead_external_id: z.string().trim().min(1).max(256),
  source_id: Id,
});
export type RegisterContactInput = z.infer<typeof RegisterContactInput>;

export const Contact = z.object({
  id: Id,
  lead_id: Id,
  source_id: Id,
  operator_id: Id.nullable(),
  created_at: Timestamp,
});
export type Contact = z.infer<typeof Contact>;
