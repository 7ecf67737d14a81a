import { reassignContact } from '../../lib/contacts/lifecycle';
import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { ContactPath, ReassignInput } from '../../lib/schemas/contacts';

/** POST /contacts/{contact_id}/reassign */
export const handler = endpoint({ path: ContactPath, body: ReassignInput }, async ({ path, body }) =>
  ok(await reassignContact(path.contact_id, body.operator_id)),
);
