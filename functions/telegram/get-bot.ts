import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { readBot } from '../../lib/telegram/setup';

/** GET /telegram/bot */
export const handler = endpoint({}, async () => ok(await readBot()));
