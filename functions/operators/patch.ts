import { assertOperatorChange } from '../../lib/auth/roles';
import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { updateOperator } from '../../lib/operators/update';
import { OperatorPatch, OperatorPath } from '../../lib/schemas/operators';

/** PATCH /operators/{operator_id} */
export const handler = endpoint({ path: OperatorPath, body: OperatorPatch }, async ({ path, body, caller }) => {
  assertOperatorChange(caller, body);
  return ok(await updateOperator(path.operator_id, body));
});
