import { changeWeight } from '../../lib/assignments/weight';
import { endpoint } from '../../lib/http/endpoint';
import { ASSIGNMENT_ROUTES } from '../../lib/routes/assignments';
import { ok } from '../../lib/http/responses';

/** PUT /assignments/{assignment_id} */
export const handler = endpoint(ASSIGNMENT_ROUTES.updateAssignment, async ({ path, body }) =>
  ok(await changeWeight(path.assignment_id, body)),
);
