import { listAssignments } from '../../lib/assignments/weight';
import { endpoint } from '../../lib/http/endpoint';
import { ASSIGNMENT_ROUTES } from '../../lib/routes/assignments';
import { pageResponse } from '../../lib/http/responses';

/** GET /assignments/ */
export const handler = endpoint(ASSIGNMENT_ROUTES.listAssignments, async ({ query, event }) =>
  pageResponse(event, await listAssignments(query)),
);
