import { listSources } from '../../lib/db/sources';
import { endpoint } from '../../lib/http/endpoint';
import { pageResponse } from '../../lib/http/responses';
import { ListQuery } from '../../lib/schemas/common';

/** GET /sources/ */
export const handler = endpoint({ query: ListQuery }, async ({ query, event }) => pageResponse(event, await listSources(query)));
