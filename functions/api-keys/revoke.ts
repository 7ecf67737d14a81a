import { revokeApiKey } from '../../lib/auth/api-keys';
import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { ApiKeyPath } from '../../lib/schemas/api-keys';

/** DELETE /api-keys/{key_id}: revokes the key, which stops working within the verdict cache's time */
export const handler = endpoint({ path: ApiKeyPath }, async ({ path }) => ok(await revokeApiKey(path.key_id)));
