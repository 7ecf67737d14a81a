import { endpoint } from '../../lib/http/endpoint';
import { OPERATOR_ROUTES } from '../../lib/routes/operators';
import { created } from '../../lib/http/responses';
import { createOperator } from '../../lib/operators/update';

/** POST /operators/ */
export const handler = endpoint(OPERATOR_ROUTES.createOperator, async ({ body }) => created(await createOperator(body)));
