import { endpoint } from '../../lib/http/endpoint';
import { SOURCE_ROUTES } from '../../lib/routes/sources';
import { ok } from '../../lib/http/responses';
import { sourceStats } from '../../lib/sources/read';

/** GET /sources/{source_id}/stats */
export const handler = endpoint(SOURCE_ROUTES.sourceStats, async ({ path, query }) =>
  ok(await sourceStats(path.source_id, new Date(), query)),
);
