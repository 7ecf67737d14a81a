import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { SourcePath, SourceStatsQuery } from '../../lib/schemas/sources';
import { sourceStats } from '../../lib/sources/read';

/** GET /sources/{source_id}/stats */
export const handler = endpoint({ path: SourcePath, query: SourceStatsQuery }, async ({ path, query }) =>
  ok(await sourceStats(path.source_id, new Date(), query)),
);
