import { replaceSource } from '../../lib/db/sources';
import { endpoint } from '../../lib/http/endpoint';
import { SOURCE_ROUTES } from '../../lib/routes/sources';
import { ok } from '../../lib/http/responses';

/** PUT /sources/{source_id} */
export const handler = endpoint(SOURCE_ROUTES.updateSource, async ({ path, body }) => ok(await replaceSource(path.source_id, body)));
