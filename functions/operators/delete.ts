import { endpoint } from '../../lib/http/endpoint';
import { OPERATOR_ROUTES } from '../../lib/routes/operators';
import { noContent } from '../../lib/http/responses';
import { removeOperator } from '../../lib/operators/remove';

/** DELETE /operators/{operator_id} */
export const handler = endpoint(OPERATOR_ROUTES.deleteOperator, async ({ path }) => {
  await removeOperator(path.operator_id);
  return noContent();
});
