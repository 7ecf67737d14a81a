import { endpoint } from '../../lib/http/endpoint';
import { SOURCE_ROUTES } from '../../lib/routes/sources';
import { ok } from '../../lib/http/responses';
import { simulateSource } from '../../lib/simulation/simulate';

/** POST /sources/{source_id}/simulate */
export const handler = endpoint(SOURCE_ROUTES.simulateSource, async ({ path, body }) => ok(await simulateSource(path.source_id, body)));
