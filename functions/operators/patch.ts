import { assertOperatorChange } from '../../lib/auth/roles';
import { endpoint } from '../../lib/http/endpoint';
import { OPERATOR_ROUTES } from '../../lib/routes/operators';
import { ok } from '../../lib/http/responses';
import { updateOperator } from '../../lib/operators/update';

/** PATCH /operators/{operator_id} */
export const handler = endpoint(OPERATOR_ROUTES.patchOperator, async ({ path, body, caller }) => {
  assertOperatorChange(caller, body);
  return ok(await updateOperator(path.operator_id, body));
});
