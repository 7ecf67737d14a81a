import { readContact } from '../../lib/contacts/read';
import { endpoint } from '../../lib/http/endpoint';
import { CONTACT_ROUTES } from '../../lib/routes/contacts';
import { ok } from '../../lib/http/responses';

/** GET /contacts/{contact_id} */
export const handler = endpoint(CONTACT_ROUTES.getContact, async ({ path, caller }) => ok(await readContact(path.contact_id, caller)));
