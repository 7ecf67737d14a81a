import { listAssignments } from '../../lib/assignments/weight';
import { endpoint } from '../../lib/http/endpoint';
import { pageResponse } from '../../lib/http/responses';
import { ListQuery } from '../../lib/schemas/common';

/** GET /assignments/ */
export const handler = endpoint({ query: ListQuery }, async ({ query, event }) => pageResponse(event, await listAssignments(query)));
