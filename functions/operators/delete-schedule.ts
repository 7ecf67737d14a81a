import { endpoint } from '../../lib/http/endpoint';
import { OPERATOR_ROUTES } from '../../lib/routes/operators';
import { noContent } from '../../lib/http/responses';
import { removeWorkingHours } from '../../lib/operators/read';

/** DELETE /operators/{operator_id}/schedule */
export const handler = endpoint(OPERATOR_ROUTES.deleteOperatorSchedule, async ({ path }) => {
  await removeWorkingHours(path.operator_id);
  return noContent();
});
