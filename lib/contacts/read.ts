import { getContact } from '../db/contacts';
import { notFound } from '../errors';
import type { Contact } from '../schemas/contacts';
import { publicContact } from './register';

/** One contact by id. */
export async function readContact(id: number): Promise<Contact> {
  const contact = await getContact(id);
  if (!contact) throw notFound('Contact', id);
  return publicContact(contact);
}
