import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { operatorLoad } from '../../lib/operators/load';
import { OperatorPath } from '../../lib/schemas/operators';

/** GET /operators/{operator_id}/load */
export const handler = endpoint({ path: OperatorPath }, async ({ path }) => ok(await operatorLoad(path.operator_id)));
