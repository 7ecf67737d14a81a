import { reopenContact } from '../../lib/contacts/lifecycle';
import { endpoint } from '../../lib/http/endpoint';
import { CONTACT_ROUTES } from '../../lib/routes/contacts';
import { ok } from '../../lib/http/responses';

/** POST /contacts/{contact_id}/reopen */
export const handler = endpoint(CONTACT_ROUTES.reopenContact, async ({ path }) => ok(await reopenContact(path.contact_id)));
