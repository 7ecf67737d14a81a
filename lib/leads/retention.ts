import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { actingAs } from '../audit/actor';
import type { Caller } from '../auth/roles';
import { database } from '../db/client';
import { contactsOfLead } from '../db/contacts';
import { getItem } from '../db/items';
import { settingsKey } from '../db/keys';
import { listLeads } from '../db/leads';
import { eraseLead } from './erase';

/** How many leads one run looks at; the next run goes on from there, and starts over at the end. */
export const RETENTION_BATCH = 200;

/** The days after their last contact closed that a lead with no open contact is kept (`RETENTION_DAYS`); none when unset. */
export const retentionDays = (): number | null => {
  const days = Number(process.env.RETENTION_DAYS);
  return process.env.RETENTION_DAYS && Number.isFinite(days) && days > 0 ? days : null;
};

/** Erasures by retention are recorded in the audit trail as its own. */
const RETENTION: Caller = { role: 'admin', keyId: null, keyName: 'retention', operatorId: null };

/**
 * Erases the leads whose contacts are all closed, the last more than `days` ago, as `DELETE
 * /leads/{id}` does, a batch of leads per run from where the last run stopped. A lead with an open or
 * offered contact, or one closed more recently, is kept. Nothing happens without `days`.
 */
export async function eraseExpiredLeads({
  days = retentionDays(),
  now = new Date(),
} = {}): Promise<{ examined: number; erased: number[] }> {
  if (days === null) return { examined: 0, erased: [] };
  const cutoff = now.getTime() - days * 86_400_000;
  const saved = await getItem(settingsKey('retention'));
  const page = await listLeads({ limit: RETENTION_BATCH, cursor: typeof saved?.cursor === 'string' ? saved.cursor : undefined });
  const erased: number[] = [];
  for (const lead of page.items) {
    if (lead.erased_at !== null) continue;
    const contacts = await contactsOfLead(lead.id);
    const lastClosed = Math.max(
      ...contacts.map((contact) => (contact.status === 'closed' && contact.closed_at ? Date.parse(contact.closed_at) : Infinity)),
    );
    if (contacts.length === 0 || lastClosed > cutoff) continue;
    // No wait before the second cleaning: a lead quiet for `days` has no contact arriving as it goes.
    await actingAs(RETENTION, () => eraseLead(lead.id, now, 0));
    erased.push(lead.id);
  }
  const db = database();
  await db.client.send(new PutCommand({ TableName: db.tableName, Item: { ...settingsKey('retention'), cursor: page.nextCursor ?? null } }));
  return { examined: page.items.length, erased };
}
