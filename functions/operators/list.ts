import { listOperators } from '../../lib/operators/update';
import { endpoint } from '../../lib/http/endpoint';
import { pageResponse } from '../../lib/http/responses';
import { ListQuery } from '../../lib/schemas/common';

/** GET /operators/ */
export const handler = endpoint({ query: ListQuery }, async ({ query, event }) => pageResponse(event, await listOperators(query)));
