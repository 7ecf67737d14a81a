import { registerContact } from '../../lib/contacts/register';
import { endpoint } from '../../lib/http/endpoint';
import { created } from '../../lib/http/responses';
import { RegisterContactInput } from '../../lib/schemas/contacts';

/** POST /contacts/ */
export const handler = endpoint({ body: RegisterContactInput }, async ({ body }) =>
  created(await registerContact(body)),
);
