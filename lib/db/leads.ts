import { Lead } from '../schemas/leads';
import { getItem } from './items';
import { leadKey, listPartition, padId } from './keys';
import { listEntities, queryPage, type Page, type PageRequest } from './pagination';

/** The lead known by this (already normalized) external id, read strongly consistent. */
export async function findLead(normalizedExternalId: string): Promise<Lead | undefined> {
  const item = await getItem(leadKey(normalizedExternalId));
  return item && Lead.parse(item);
}

/** Leads in id order, a page at a time. */
export const listLeads = (page: PageRequest): Promise<Page<Lead>> => listEntities('LEAD', Lead, page);

/** A lead by its id (through the list index, which may lag its creation by a moment). */
export async function getLeadById(id: number): Promise<Lead | undefined> {
  const { items } = await queryPage({ index: 'GSI1', partition: listPartition.LEAD, sortKeyPrefix: padId(id) }, Lead, { limit: 1 });
  return items[0];
}
