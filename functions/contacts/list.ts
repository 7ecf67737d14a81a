import { scopedContactFilter } from '../../lib/auth/roles';
import { listContacts } from '../../lib/db/contacts';
import { endpoint } from '../../lib/http/endpoint';
import { CONTACT_ROUTES } from '../../lib/routes/contacts';
import { pageResponse } from '../../lib/http/responses';

/** GET /contacts/?status=&operator_id=&source_id=&lead_id=&unassigned=&order= */
export const handler = endpoint(CONTACT_ROUTES.listContacts, async ({ query, event, caller }) =>
  pageResponse(event, await listContacts(scopedContactFilter(caller, query))),
);
