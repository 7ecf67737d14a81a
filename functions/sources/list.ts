import { listSources } from '../../lib/db/sources';
import { endpoint } from '../../lib/http/endpoint';
import { SOURCE_ROUTES } from '../../lib/routes/sources';
import { pageResponse } from '../../lib/http/responses';

/** GET /sources/ */
export const handler = endpoint(SOURCE_ROUTES.listSources, async ({ query, event }) => pageResponse(event, await listSources(query)));
