import { swaggerPage } from '../../lib/docs/assets';
import { endpoint } from '../../lib/http/endpoint';
import { file } from '../../lib/http/responses';

/** GET /docs */
export const handler = endpoint({}, async () => file(swaggerPage, 'text/html; charset=utf-8', 300));
