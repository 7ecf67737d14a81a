import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { readOperator } from '../../lib/operators/read';
import { OperatorPath } from '../../lib/schemas/operators';

/** GET /operators/{operator_id} */
export const handler = endpoint({ path: OperatorPath }, async ({ path }) => ok(await readOperator(path.operator_id)));
