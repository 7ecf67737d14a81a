import { assertOwnContact, type Caller } from '../auth/roles';
import { getContact, getContactWithRouting } from '../db/contacts';
import { notFound } from '../errors';
import type { ContactWithRouting } from '../schemas/contacts';

/** One contact by id, with why it went where it went; a scoped key sees only its own. */
export async function readContact(id: number, caller?: Caller): Promise<ContactWithRouting> {
  const contact = await getContactWithRouting(id);
  if (!contact) throw notFound('Contact', id);
  // Only an integration key needs who registered it, which the public shape leaves out.
  if (caller?.role === 'integration') assertOwnContact(caller, (await getContact(id)) ?? { operator_id: null, registered_by: null });
  else if (caller) assertOwnContact(caller, contact);
  return contact;
}
