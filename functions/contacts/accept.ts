import { acceptOffer } from '../../lib/contacts/offers';
import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { ContactPath } from '../../lib/schemas/contacts';

/** POST /contacts/{contact_id}/accept */
export const handler = endpoint({ path: ContactPath }, async ({ path, caller }) => ok(await acceptOffer(path.contact_id, { caller })));
