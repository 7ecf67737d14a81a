import { closeContact } from '../../lib/contacts/lifecycle';
import { endpoint } from '../../lib/http/endpoint';
import { CONTACT_ROUTES } from '../../lib/routes/contacts';
import { ok } from '../../lib/http/responses';

/** POST /contacts/{contact_id}/close */
export const handler = endpoint(CONTACT_ROUTES.closeContact, async ({ path, caller }) =>
  ok(await closeContact(path.contact_id, { caller })),
);
