import { registerContact } from '../../lib/contacts/register';
import { contactRequestScope } from '../../lib/db/keys';
import { endpoint } from '../../lib/http/endpoint';
import { CONTACT_ROUTES } from '../../lib/routes/contacts';
import { created, ok } from '../../lib/http/responses';

/** POST /contacts/ (201 new; 200 the original contact when an Idempotency-Key is repeated) */
export const handler = endpoint(CONTACT_ROUTES.registerContact, async ({ body, headers, caller }) => {
  const key = headers['idempotency-key'];
  const { contact, replayed } = await registerContact(body, {
    idempotencyScope: key && contactRequestScope(key, caller.keyId),
    registeredBy: caller.keyId,
  });
  return replayed ? ok(contact) : created(contact);
});
