import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { readWorkingHours } from '../../lib/operators/read';
import { OperatorPath } from '../../lib/schemas/operators';

/** GET /operators/{operator_id}/schedule */
export const handler = endpoint({ path: OperatorPath }, async ({ path }) => ok(await readWorkingHours(path.operator_id)));
