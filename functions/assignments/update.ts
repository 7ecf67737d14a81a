import { changeWeight } from '../../lib/assignments/weight';
import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { AssignmentPath, AssignmentWeightInput } from '../../lib/schemas/assignments';

/** PUT /assignments/{assignment_id} */
export const handler = endpoint({ path: AssignmentPath, body: AssignmentWeightInput }, async ({ path, body }) =>
  ok(await changeWeight(path.assignment_id, body)),
);
