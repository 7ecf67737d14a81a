import { endpoint } from '../lib/http/endpoint';
import { ok } from '../lib/http/responses';
import { checkHealth } from '../lib/health';

/** GET /health (no API key): 200 when the database answers, else 503. */
export const handler = endpoint({}, async () => ok(await checkHealth()));
