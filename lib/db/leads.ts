import * as z from 'zod';
import { Lead, StoredLead } from '../schemas/leads';
import { getItem } from './items';
import { type Key, leadKey, listPartition, padId } from './keys';
import { listEntities, queryPage, type Page, type PageRequest } from './pagination';

/** The lead known by this (already normalized) external id, read strongly consistent. */
export async function findLead(normalizedExternalId: string): Promise<StoredLead | undefined> {
  const item = await getItem(leadKey(normalizedExternalId));
  return item && StoredLead.parse(item);
}

/** Leads in id order, a page at a time. */
export const listLeads = (page: PageRequest): Promise<Page<Lead>> => listEntities('LEAD', Lead, page);

const LeadWithKey = StoredLead.extend({ PK: z.string(), SK: z.string() });

/** A lead by its id, with the key of its item (through the list index, which may lag its creation by a moment). */
export async function findLeadById(id: number): Promise<{ lead: StoredLead; key: Key } | undefined> {
  const { items } = await queryPage({ index: 'GSI1', partition: listPartition.LEAD, sortKeyPrefix: padId(id) }, LeadWithKey, {
    limit: 1,
  });
  const [found] = items;
  if (!found) return undefined;
  const { PK, SK, ...lead } = found;
  return { lead: StoredLead.parse(lead), key: { PK, SK } };
}

/** A lead as the API shows them, by their id (through the list index, which may lag their creation by a moment). */
export async function getLeadById(id: number): Promise<Lead | undefined> {
  const found = await findLeadById(id);
  return found && Lead.parse(found.lead);
}
