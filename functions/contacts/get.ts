import { readContact } from '../../lib/contacts/read';
import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { ContactPath } from '../../lib/schemas/contacts';

/** GET /contacts/{contact_id} */
export const handler = endpoint({ path: ContactPath }, async ({ path, caller }) => ok(await readContact(path.contact_id, caller)));
