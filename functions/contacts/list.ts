import { scopedContactFilter } from '../../lib/auth/roles';
import { listContacts } from '../../lib/db/contacts';
import { endpoint } from '../../lib/http/endpoint';
import { pageResponse } from '../../lib/http/responses';
import { ContactListQuery } from '../../lib/schemas/contacts';

/** GET /contacts/?status=&operator_id=&source_id=&lead_id=&unassigned=&order= */
export const handler = endpoint({ query: ContactListQuery }, async ({ query, event, caller }) =>
  pageResponse(event, await listContacts(scopedContactFilter(caller, query))),
);
