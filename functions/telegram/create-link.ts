import { endpoint } from '../../lib/http/endpoint';
import { created } from '../../lib/http/responses';
import { OperatorPath } from '../../lib/schemas/operators';
import { createLinkCode } from '../../lib/telegram/setup';

/** POST /operators/{operator_id}/telegram-link */
export const handler = endpoint({ path: OperatorPath }, async ({ path }) => created(await createLinkCode(path.operator_id)));
