import { issueApiKey } from '../../lib/auth/keys';
import { endpoint } from '../../lib/http/endpoint';
import { API_KEY_ROUTES } from '../../lib/routes/api-keys';
import { created } from '../../lib/http/responses';

/** POST /api-keys/ (the key is in this answer only) */
export const handler = endpoint(API_KEY_ROUTES.createApiKey, async ({ body }) => created(await issueApiKey(body)));
