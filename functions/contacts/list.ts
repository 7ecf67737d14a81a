import { listContacts } from '../../lib/db/contacts';
import { endpoint } from '../../lib/http/endpoint';
import { pageResponse } from '../../lib/http/responses';
import { ListQuery } from '../../lib/schemas/common';

/** GET /contacts/ */
export const handler = endpoint({ query: ListQuery }, async ({ query, event }) =>
  pageResponse(event, await listContacts(query)),
);
