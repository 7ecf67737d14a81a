import { listContacts } from '../db/contacts';
import { getLeadById } from '../db/leads';
import { notFound } from '../errors';
import type { LeadWithContacts } from '../schemas/leads';

/** How many of a lead's contacts come with the lead. */
export const LEAD_CONTACTS_SHOWN = 100;

/** A lead with their latest contacts, newest first. */
export async function readLead(id: number): Promise<LeadWithContacts> {
  const [lead, contacts] = await Promise.all([getLeadById(id), listContacts({ lead_id: id, order: 'desc', limit: LEAD_CONTACTS_SHOWN })]);
  if (!lead) throw notFound('Lead', id);
  return { ...lead, contacts: contacts.items };
}
