import { Lead } from '../schemas/leads';
import { getItem } from './items';
import { leadKey } from './keys';
import { listEntities, type Page, type PageRequest } from './pagination';

/** The lead known by this (already normalized) external id, read strongly consistent. */
export async function findLead(normalizedExternalId: string): Promise<Lead | undefined> {
  const item = await getItem(leadKey(normalizedExternalId));
  return item && Lead.parse(item);
}

/** Leads in id order, a page at a time. */
export const listLeads = (page: PageRequest): Promise<Page<Lead>> => listEntities('LEAD', Lead, page);
