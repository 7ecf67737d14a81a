import { removeAssignment } from '../../lib/assignments/weight';
import { endpoint } from '../../lib/http/endpoint';
import { noContent } from '../../lib/http/responses';
import { AssignmentPath } from '../../lib/schemas/assignments';

/** DELETE /assignments/{assignment_id} */
export const handler = endpoint({ path: AssignmentPath }, async ({ path }) => {
  await removeAssignment(path.assignment_id);
  return noContent();
});
