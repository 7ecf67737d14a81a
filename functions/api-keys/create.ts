import { issueApiKey } from '../../lib/auth/keys';
import { endpoint } from '../../lib/http/endpoint';
import { created } from '../../lib/http/responses';
import { ApiKeyInput } from '../../lib/schemas/api-keys';

/** POST /api-keys/ (the key is in this answer only) */
export const handler = endpoint({ body: ApiKeyInput }, async ({ body }) => created(await issueApiKey(body)));
