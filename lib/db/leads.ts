import { Lead, StoredLead } from '../schemas/leads';
import { getItem } from './items';
import { type Key, leadKey, listedRange } from './keys';
import { listEntities, type Page, type PageRequest, readKeys } from './pagination';

/** The lead known by this (already normalized) external id, read strongly consistent. */
export async function findLead(normalizedExternalId: string): Promise<StoredLead | undefined> {
  const item = await getItem(leadKey(normalizedExternalId));
  return item && StoredLead.parse(item);
}

/** Leads in id order, a page at a time. */
export const listLeads = (page: PageRequest): Promise<Page<Lead>> => listEntities('LEAD', Lead, page);

/** The key of a lead's item, found by their id in the list index (which may lag their creation by a moment). */
export async function leadKeyById(id: number): Promise<Key | undefined> {
  const [key] = await readKeys(listedRange('LEAD', id));
  return key;
}

/** A lead by their id, as stored, with the key of their item. */
export async function findLeadById(id: number): Promise<{ lead: StoredLead; key: Key } | undefined> {
  const key = await leadKeyById(id);
  const item = key && (await getItem(key));
  return item ? { lead: StoredLead.parse(item), key } : undefined;
}

/** A lead as the API shows them, by their id. */
export async function getLeadById(id: number): Promise<Lead | undefined> {
  const found = await findLeadById(id);
  return found && Lead.parse(found.lead);
}
