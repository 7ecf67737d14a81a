import { listApiKeys } from '../../lib/auth/api-keys';
import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';

/** GET /api-keys/ (live and revoked, never the keys themselves) */
export const handler = endpoint({}, async () => ok(await listApiKeys()));
