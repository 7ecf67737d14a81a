import { endpoint } from '../../lib/http/endpoint';
import { OPERATOR_ROUTES } from '../../lib/routes/operators';
import { ok } from '../../lib/http/responses';
import { operatorLoad } from '../../lib/operators/load';

/** GET /operators/{operator_id}/load */
export const handler = endpoint(OPERATOR_ROUTES.operatorLoad, async ({ path }) => ok(await operatorLoad(path.operator_id)));
