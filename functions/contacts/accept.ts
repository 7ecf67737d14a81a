import { acceptOffer } from '../../lib/contacts/offers';
import { endpoint } from '../../lib/http/endpoint';
import { CONTACT_ROUTES } from '../../lib/routes/contacts';
import { ok } from '../../lib/http/responses';

/** POST /contacts/{contact_id}/accept */
export const handler = endpoint(CONTACT_ROUTES.acceptContact, async ({ path, caller }) =>
  ok(await acceptOffer(path.contact_id, { caller })),
);
