import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { recordHeartbeat } from '../../lib/operators/update';
import { OperatorPath } from '../../lib/schemas/operators';

/** POST /operators/{operator_id}/heartbeat */
export const handler = endpoint({ path: OperatorPath }, async ({ path }) => ok(await recordHeartbeat(path.operator_id)));
