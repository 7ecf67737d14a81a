import { endpoint } from '../../lib/http/endpoint';
import { OPERATOR_ROUTES } from '../../lib/routes/operators';
import { ok } from '../../lib/http/responses';
import { updateOperator } from '../../lib/operators/update';

/** PUT /operators/{operator_id} */
export const handler = endpoint(OPERATOR_ROUTES.updateOperator, async ({ path, body }) => ok(await updateOperator(path.operator_id, body)));
