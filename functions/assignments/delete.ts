import { removeAssignment } from '../../lib/assignments/weight';
import { endpoint } from '../../lib/http/endpoint';
import { ASSIGNMENT_ROUTES } from '../../lib/routes/assignments';
import { noContent } from '../../lib/http/responses';

/** DELETE /assignments/{assignment_id} */
export const handler = endpoint(ASSIGNMENT_ROUTES.deleteAssignment, async ({ path }) => {
  await removeAssignment(path.assignment_id);
  return noContent();
});
