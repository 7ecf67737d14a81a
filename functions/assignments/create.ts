import { assignOperator } from '../../lib/assignments/assign';
import { endpoint } from '../../lib/http/endpoint';
import { created } from '../../lib/http/responses';
import { AssignmentInput } from '../../lib/schemas/assignments';

/** POST /assignments/ */
export const handler = endpoint({ body: AssignmentInput }, async ({ body }) => created(await assignOperator(body)));
