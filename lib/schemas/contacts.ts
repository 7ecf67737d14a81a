import * as z from 'zod';
import { Id, ListQuery, PathId, QueryId, Timestamp } from './common';
import { RoutingExplanation } from './routing';

/** Body of `POST /contacts/`: lead `lead_external_id` (phone, e-mail, ...) wrote through source `source_id`. */
export const RegisterContactInput = z.object({
  lead_external_id: z.string().trim().min(1).max(256),
  source_id: Id,
  /** 0 to 9: waiting contacts are dispatched highest priority first, oldest first within a priority. */
  priority: z.number().int().min(0).max(9).default(0),
});
export type RegisterContactInput = z.infer<typeof RegisterContactInput>;

/** Headers of `POST /contacts/`: an optional `Idempotency-Key` makes a retried request return the original contact. */
export const RegisterContactHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, 'printable ASCII without spaces, 1 to 255 characters')
    .optional(),
});

/** `offered`: waiting for its operator to accept it; `open`: an operator has it (or it waits for one); `closed`: done. */
export const ContactStatus = z.enum(['open', 'offered', 'closed']);
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
  /** When the pending offer to `operator_id` lapses; null unless `status` is `offered`. */
  offer_expires_at: Timestamp.nullable().default(null),
  priority: z.number().int().default(0),
  /** Offered `max_offers` times without being taken: waits until a manager reassigns it. */
  needs_manager: z.boolean().default(false),
});
export type Contact = z.infer<typeof Contact>;

export const OFFER_OUTCOMES = ['pending', 'accepted', 'declined', 'expired', 'moved_on_away', 'withdrawn'] as const;
export type OfferOutcome = (typeof OFFER_OUTCOMES)[number];

/** One offer of a contact to an operator, and how it ended (`withdrawn`: closed or reassigned by a manager meanwhile). */
export const Offer = z.object({
  operator_id: Id,
  offered_at: Timestamp,
  outcome: z.enum(OFFER_OUTCOMES),
  decided_at: Timestamp.nullable(),
});
export type Offer = z.infer<typeof Offer>;

/** `GET /contacts/{contact_id}`: the contact, why it went where it went (null before any routing was stored) and its offers, oldest first. */
export const ContactWithRouting = Contact.extend({ routing: RoutingExplanation.nullable(), offers: z.array(Offer).default([]) });
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
  unassigned: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .pipe(z.boolean())
    .optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type ContactListQuery = z.infer<typeof ContactListQuery>;
