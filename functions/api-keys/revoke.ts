import { revokeApiKey } from '../../lib/auth/api-keys';
import { endpoint } from '../../lib/http/endpoint';
import { API_KEY_ROUTES } from '../../lib/routes/api-keys';
import { ok } from '../../lib/http/responses';

/** DELETE /api-keys/{key_id}: revokes the key, which stops working within the verdict cache's time */
export const handler = endpoint(API_KEY_ROUTES.revokeApiKey, async ({ path }) => ok(await revokeApiKey(path.key_id)));
