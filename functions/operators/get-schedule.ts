import { endpoint } from '../../lib/http/endpoint';
import { OPERATOR_ROUTES } from '../../lib/routes/operators';
import { ok } from '../../lib/http/responses';
import { readWorkingHours } from '../../lib/operators/read';

/** GET /operators/{operator_id}/schedule */
export const handler = endpoint(OPERATOR_ROUTES.getOperatorSchedule, async ({ path }) => ok(await readWorkingHours(path.operator_id)));
