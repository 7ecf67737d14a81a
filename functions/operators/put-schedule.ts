import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { replaceWorkingHours } from '../../lib/operators/read';
import { OperatorPath } from '../../lib/schemas/operators';
import { WorkingHours } from '../../lib/schemas/schedules';

/** PUT /operators/{operator_id}/schedule */
export const handler = endpoint({ path: OperatorPath, body: WorkingHours }, async ({ path, body }) =>
  ok(await replaceWorkingHours(path.operator_id, body)),
);
