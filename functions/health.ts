import { endpoint } from '../lib/http/endpoint';
import { HEALTH_ROUTES } from '../lib/routes/health';
import { ok } from '../lib/http/responses';
import { checkHealth } from '../lib/health';

/** GET /health (no API key): 200 when the database answers, else 503. */
export const handler = endpoint(HEALTH_ROUTES.health, async () => ok(await checkHealth()));
