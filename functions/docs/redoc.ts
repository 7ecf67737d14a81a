import { redocPage } from '../../lib/docs/assets';
import { endpoint } from '../../lib/http/endpoint';
import { file } from '../../lib/http/responses';

/** GET /redoc */
export const handler = endpoint({}, async () => file(redocPage, 'text/html; charset=utf-8', 300));
