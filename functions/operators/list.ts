import { listOperators } from '../../lib/operators/update';
import { endpoint } from '../../lib/http/endpoint';
import { OPERATOR_ROUTES } from '../../lib/routes/operators';
import { pageResponse } from '../../lib/http/responses';

/** GET /operators/ */
export const handler = endpoint(OPERATOR_ROUTES.listOperators, async ({ query, event }) => pageResponse(event, await listOperators(query)));
