import { assignOperator } from '../../lib/assignments/assign';
import { endpoint } from '../../lib/http/endpoint';
import { ASSIGNMENT_ROUTES } from '../../lib/routes/assignments';
import { created } from '../../lib/http/responses';

/** POST /assignments/ */
export const handler = endpoint(ASSIGNMENT_ROUTES.createAssignment, async ({ body }) => created(await assignOperator(body)));
