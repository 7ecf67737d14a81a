import { reassignContact } from '../../lib/contacts/lifecycle';
import { endpoint } from '../../lib/http/endpoint';
import { CONTACT_ROUTES } from '../../lib/routes/contacts';
import { ok } from '../../lib/http/responses';

/** POST /contacts/{contact_id}/reassign */
export const handler = endpoint(CONTACT_ROUTES.reassignContact, async ({ path, body }) =>
  ok(await reassignContact(path.contact_id, body.operator_id)),
);
