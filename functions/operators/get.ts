import { endpoint } from '../../lib/http/endpoint';
import { OPERATOR_ROUTES } from '../../lib/routes/operators';
import { ok } from '../../lib/http/responses';
import { readOperator } from '../../lib/operators/read';

/** GET /operators/{operator_id} */
export const handler = endpoint(OPERATOR_ROUTES.getOperator, async ({ path }) => ok(await readOperator(path.operator_id)));
