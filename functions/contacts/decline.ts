import { declineOffer } from '../../lib/contacts/offers';
import { endpoint } from '../../lib/http/endpoint';
import { CONTACT_ROUTES } from '../../lib/routes/contacts';
import { ok } from '../../lib/http/responses';

/** POST /contacts/{contact_id}/decline */
export const handler = endpoint(CONTACT_ROUTES.declineContact, async ({ path, caller }) =>
  ok(await declineOffer(path.contact_id, { caller })),
);
