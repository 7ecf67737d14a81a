import { listApiKeys } from '../../lib/auth/api-keys';
import { endpoint } from '../../lib/http/endpoint';
import { API_KEY_ROUTES } from '../../lib/routes/api-keys';
import { ok } from '../../lib/http/responses';

/** GET /api-keys/ (live and revoked, never the keys themselves) */
export const handler = endpoint(API_KEY_ROUTES.listApiKeys, async () => ok(await listApiKeys()));
