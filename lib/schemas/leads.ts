import * as z from 'zod';
import { Id, PathId, Timestamp } from './common';
import { Contact, ContactWithRouting } from './contacts';

/** A lead: the person behind contacts, by their external id; once erased, only the id and when remain. */
export const Lead = z.object({
  id: Id,
  external_id: z.string().nullable(),
  created_at: Timestamp,
  erased_at: Timestamp.nullable().default(null),
});
export type Lead = z.infer<typeof Lead>;

/** A lead as stored: with the operator last given one of their contacts (whom sticky routing returns them to). */
export const StoredLead = Lead.extend({ operator_id: Id.nullable().default(null) });
export type StoredLead = z.infer<typeof StoredLead>;

export const LeadPath = z.object({ lead_id: PathId });

/** `GET /leads/{lead_id}`: the lead and their latest contacts, newest first (all of them: `GET /contacts/?lead_id=`). */
export const LeadWithContacts = Lead.extend({ contacts: z.array(Contact) });
export type LeadWithContacts = z.infer<typeof LeadWithContacts>;

/** `GET /leads/{lead_id}/export`: everything stored about a lead. */
export const LeadExport = z.object({
  exported_at: Timestamp,
  lead: Lead,
  contacts: z.array(ContactWithRouting),
  /** Events sent (or being sent) to subscriptions and messages to the operators' bot about their contacts, while kept (30 days after they end). */
  deliveries: z.array(
    z.object({
      contact_id: Id,
      to: z.string(),
      id: z.string(),
      event_type: z.string(),
      state: z.string(),
      created_at: Timestamp,
      content: z.unknown(),
    }),
  ),
});
export type LeadExport = z.infer<typeof LeadExport>;
