import { endpoint } from '../../lib/http/endpoint';
import { noContent } from '../../lib/http/responses';
import { removeOperator } from '../../lib/operators/remove';
import { OperatorPath } from '../../lib/schemas/operators';

/** DELETE /operators/{operator_id} */
export const handler = endpoint({ path: OperatorPath }, async ({ path }) => {
  await removeOperator(path.operator_id);
  return noContent();
});
