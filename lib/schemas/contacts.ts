import * as z from 'zod';
import { Id, ListQuery, PathId, QueryId, Timestamp } from './common';
import { RoutingExplanation } from './routing';

/** Body of `POST /contacts/`: lead `lead_external_id` (phone, e-mail, ...) wrote through source `source_id`. */
export const RegisterContactInput = z.object({
  lead_external_id: z.string().trim().min(1).max(256),
  source_id: Id,
});
export type RegisterContactInput = z.infer<typeof RegisterContactInput>;

/** Headers of `POST /contacts/`: an optional `Idempotency-Key` makes a retried request return the original contact. */
export const RegisterContactHeaders = z.object({
  'idempotency-key': z.string().regex(/^[\x21-\x7e]{1,255}$/, 'printable ASCII without spaces, 1 to 255 characters').optional(),
});

export const ContactStatus = z.enum(['open', 'closed']);
export type ContactStatus = z.infer<typeof ContactStatus>;

export const Contact = z.object({
  id: Id,
  lead_id: Id,
  source_id: Id,
  /** null while no operator could take it: it waits in its source's backlog. */
  operator_id: Id.nullable(),
  status: ContactStatus,
  created_at: Timestamp,
  closed_at: Timestamp.nullable(),
});
export type Contact = z.infer<typeof Contact>;

/** `GET /contacts/{contact_id}`: the contact and why it went where it went (null before any routing was stored). */
export const ContactWithRouting = Contact.extend({ routing: RoutingExplanation.nullable() });
export type ContactWithRouting = z.infer<typeof ContactWithRouting>;

export const ContactPath = z.object({ contact_id: PathId });

/** Body of `POST /contacts/{contact_id}/reassign`: a given operator, or none to re-route by weights. */
export const ReassignInput = z.object({ operator_id: Id.optional() }).default({});
export type ReassignInput = z.infer<typeof ReassignInput>;

/** `GET /contacts/` filters, all optional and combinable. */
export const ContactListQuery = ListQuery.extend({
  status: ContactStatus.optional(),
  operator_id: QueryId.optional(),
  source_id: QueryId.optional(),
  lead_id: QueryId.optional(),
  unassigned: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type ContactListQuery = z.infer<typeof ContactListQuery>;
