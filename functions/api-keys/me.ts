import { whoAmI } from '../../lib/auth/roles';
import { endpoint } from '../../lib/http/endpoint';
import { API_KEY_ROUTES } from '../../lib/routes/api-keys';
import { ok } from '../../lib/http/responses';

/** GET /api-keys/me: the calling key's role, so that a client can show only what it may do */
export const handler = endpoint(API_KEY_ROUTES.currentApiKey, async ({ caller }) => ok(whoAmI(caller)));
