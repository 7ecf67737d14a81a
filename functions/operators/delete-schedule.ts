import { endpoint } from '../../lib/http/endpoint';
import { noContent } from '../../lib/http/responses';
import { removeWorkingHours } from '../../lib/operators/read';
import { OperatorPath } from '../../lib/schemas/operators';

/** DELETE /operators/{operator_id}/schedule */
export const handler = endpoint({ path: OperatorPath }, async ({ path }) => {
  await removeWorkingHours(path.operator_id);
  return noContent();
});
