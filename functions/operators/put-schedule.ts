import { endpoint } from '../../lib/http/endpoint';
import { OPERATOR_ROUTES } from '../../lib/routes/operators';
import { ok } from '../../lib/http/responses';
import { replaceWorkingHours } from '../../lib/operators/read';

/** PUT /operators/{operator_id}/schedule */
export const handler = endpoint(OPERATOR_ROUTES.putOperatorSchedule, async ({ path, body }) =>
  ok(await replaceWorkingHours(path.operator_id, body)),
);
