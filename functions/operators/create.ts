import { endpoint } from '../../lib/http/endpoint';
import { created } from '../../lib/http/responses';
import { createOperator } from '../../lib/operators/update';
import { OperatorInput } from '../../lib/schemas/operators';

/** POST /operators/ */
export const handler = endpoint({ body: OperatorInput }, async ({ body }) => created(await createOperator(body)));
