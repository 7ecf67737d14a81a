import { endpoint } from '../../lib/http/endpoint';
import { OPERATOR_ROUTES } from '../../lib/routes/operators';
import { ok } from '../../lib/http/responses';
import { recordHeartbeat } from '../../lib/operators/update';

/** POST /operators/{operator_id}/heartbeat */
export const handler = endpoint(OPERATOR_ROUTES.operatorHeartbeat, async ({ path }) => ok(await recordHeartbeat(path.operator_id)));
