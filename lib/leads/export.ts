import { readContact } from '../contacts/read';
import { contactsOfLead } from '../db/contacts';
import { deliveriesAbout, everyRecipient } from '../db/erasure';
import { findLeadById } from '../db/leads';
import { notFound } from '../errors';
import { Lead, type LeadExport } from '../schemas/leads';

const asJson = (text: unknown) => {
  try {
    return JSON.parse(String(text));
  } catch {
    return text;
  }
};

/**
 * Everything stored about a lead, for their request to see it: the lead, each of their contacts with
 * how it was routed and its offers, and every event and Telegram message about those contacts that is
 * still kept, with what it said.
 */
export async function exportLead(id: number, now = new Date()): Promise<LeadExport> {
  const record = await findLeadById(id);
  if (!record) throw notFound('Lead', id);
  const [stored, recipients] = await Promise.all([contactsOfLead(id), everyRecipient()]);
  const contacts = await Promise.all(stored.map((contact) => readContact(contact.id)));
  const deliveries = (
    await Promise.all(
      stored.flatMap((contact) =>
        recipients.map(async (to) =>
          (
            await deliveriesAbout(to, contact.id)
          )
            .filter((item) => item.SK !== 'QUEUE')
            .map((item) => ({
              contact_id: contact.id,
              to: to === 'telegram' ? 'telegram' : `subscription ${to}`,
              id: String(item.id),
              event_type: String(item.event_type),
              state: String(item.state),
              created_at: String(item.created_at),
              content: asJson(item.payload),
            })),
        ),
      ),
    )
  ).flat();
  return { exported_at: now.toISOString(), lead: Lead.parse(record.lead), contacts, deliveries };
}
