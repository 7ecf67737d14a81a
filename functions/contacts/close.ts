import { closeContact } from '../../lib/contacts/lifecycle';
import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { ContactPath } from '../../lib/schemas/contacts';

/** POST /contacts/{contact_id}/close */
export const handler = endpoint({ path: ContactPath }, async ({ path, caller }) => ok(await closeContact(path.contact_id, { caller })));
