import { listLeads } from '../../lib/db/leads';
import { endpoint } from '../../lib/http/endpoint';
import { LEAD_ROUTES } from '../../lib/routes/leads';
import { pageResponse } from '../../lib/http/responses';

/** GET /leads/ */
export const handler = endpoint(LEAD_ROUTES.listLeads, async ({ query, event }) => pageResponse(event, await listLeads(query)));
