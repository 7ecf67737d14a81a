import { createOperator } from '../../lib/db/operators';
import { endpoint } from '../../lib/http/endpoint';
import { created } from '../../lib/http/responses';
import { OperatorInput } from '../../lib/schemas/operators';

/** POST /operators/ */
export const handler = endpoint({ body: OperatorInput }, async ({ body }) => created(await createOperator(body)));
