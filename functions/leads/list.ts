import { listLeads } from '../../lib/db/leads';
import { endpoint } from '../../lib/http/endpoint';
import { pageResponse } from '../../lib/http/responses';
import { ListQuery } from '../../lib/schemas/common';

/** GET /leads/ */
export const handler = endpoint({ query: ListQuery }, async ({ query, event }) => pageResponse(event, await listLeads(query)));
