import { getContactWithRouting } from '../db/contacts';
import { notFound } from '../errors';
import type { ContactWithRouting } from '../schemas/contacts';

/** One contact by id, with why it went where it went. */
export async function readContact(id: number): Promise<ContactWithRouting> {
  const contact = await getContactWithRouting(id);
  if (!contact) throw notFound('Contact', id);
  return contact;
}
