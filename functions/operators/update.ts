import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { updateOperator } from '../../lib/operators/update';
import { OperatorInput, OperatorPath } from '../../lib/schemas/operators';

/** PUT /operators/{operator_id} */
export const handler = endpoint({ path: OperatorPath, body: OperatorInput }, async ({ path, body }) =>
  ok(await updateOperator(path.operator_id, body)),
);
