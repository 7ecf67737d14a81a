import { contactsOfLead } from '../db/contacts';
import { deliveriesAbout, everyRecipient, idempotencyItem, replaceWithErasedLead, rewriteAttribute } from '../db/erasure';
import { findLeadById } from '../db/leads';
import type { Item } from '../db/items';
import { pause } from '../db/retry';
import { notFound } from '../errors';
import { Lead } from '../schemas/leads';

const ERASED = '[erased]';
/** How long an erasure waits for the indexes and the stream before it cleans a second time. */
export const ERASURE_SETTLE_MS = 2_000;
/** Attributes that only place an item in the table or an index: never personal data. */
const KEY_ATTRIBUTES = new Set([
  'PK',
  'SK',
  'GSI1PK',
  'GSI1SK',
  'GSI2PK',
  'GSI2SK',
  'GSI3PK',
  'GSI3SK',
  'GSI4PK',
  'GSI4SK',
  'GSI5PK',
  'GSI5SK',
]);

/**
 * A value with every mention of the lead taken out: `external_id` fields that name them become null,
 * any other text that holds their external id has it replaced, and JSON kept as text (an event's
 * payload) is cleaned inside and kept as JSON.
 */
export function scrub(value: unknown, needles: readonly string[]): unknown {
  if (typeof value === 'string') {
    if (!needles.some((needle) => value.includes(needle))) return value;
    if (value.startsWith('{') || value.startsWith('[')) {
      try {
        return JSON.stringify(scrub(JSON.parse(value), needles));
      } catch {
        // Not JSON after all: cleaned as text.
      }
    }
    return needles.reduce((text, needle) => text.split(needle).join(ERASED), value);
  }
  if (Array.isArray(value)) return value.map((entry) => scrub(entry, needles));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [
        key,
        key === 'external_id' && typeof entry === 'string' && needles.some((needle) => entry.includes(needle))
          ? null
          : scrub(entry, needles),
      ]),
    );
  }
  return value;
}

/** Rewrites each attribute of an item that mentions the lead; one changed meanwhile is left to its writer, who wrote no mention of an erased lead. */
async function scrubItem(item: Item, needles: readonly string[]): Promise<void> {
  for (const [name, value] of Object.entries(item)) {
    if (KEY_ATTRIBUTES.has(name)) continue;
    const cleaned = scrub(value, needles);
    if (JSON.stringify(cleaned) !== JSON.stringify(value)) await rewriteAttribute(item, name, cleaned);
  }
}

/**
 * Erases a lead's personal data: their external id (as given and normalized) from the events and
 * Telegram messages stored about their contacts and from the records that make repeated requests
 * idempotent, then the lead item itself, replaced by one that keeps only the id and when it was
 * erased. The contacts stay, so counts, shares and loads keep adding up. The lead goes last, so that
 * an erasure cut short can simply be asked again; erasing an erased lead changes nothing.
 */
export async function eraseLead(id: number, now = new Date(), settleMs = ERASURE_SETTLE_MS): Promise<Lead> {
  const record = await findLeadById(id);
  if (!record) throw notFound('Lead', id);
  if (record.lead.erased_at !== null) return Lead.parse(record.lead);
  const normalized = record.key.PK.slice('LEAD#'.length);
  const needles = [...new Set([record.lead.external_id ?? '', normalized])].filter((needle) => needle.length > 0);
  const scrubContacts = async () => {
    const [contacts, recipients] = await Promise.all([contactsOfLead(id), everyRecipient()]);
    for (const contact of contacts) {
      const stored = [
        ...(await Promise.all(recipients.map((to) => deliveriesAbout(to, contact.id)))).flat(),
        ...(contact.request_scope ? [await idempotencyItem(contact.request_scope)].filter((item) => item !== undefined) : []),
      ];
      for (const item of stored) await scrubItem(item, needles);
    }
  };
  await scrubContacts();
  const erased = await replaceWithErasedLead(record.lead, record.key, now.toISOString());
  // Once more when the indexes and the stream have caught up: a contact registered for the lead
  // just before the lead went, and events published from what was read before, are cleaned too.
  await pause(settleMs);
  await scrubContacts();
  return erased;
}
