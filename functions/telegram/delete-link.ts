import { endpoint } from '../../lib/http/endpoint';
import { noContent } from '../../lib/http/responses';
import { OperatorPath } from '../../lib/schemas/operators';
import { unlinkOperator } from '../../lib/telegram/setup';

/** DELETE /operators/{operator_id}/telegram-link */
export const handler = endpoint({ path: OperatorPath }, async ({ path }) => {
  await unlinkOperator(path.operator_id);
  return noContent();
});
