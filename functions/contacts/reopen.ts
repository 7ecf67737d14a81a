import { reopenContact } from '../../lib/contacts/lifecycle';
import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { ContactPath } from '../../lib/schemas/contacts';

/** POST /contacts/{contact_id}/reopen */
export const handler = endpoint({ path: ContactPath }, async ({ path }) => ok(await reopenContact(path.contact_id)));
