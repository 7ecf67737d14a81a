import { endpoint } from '../../lib/http/endpoint';
import { SOURCE_ROUTES } from '../../lib/routes/sources';
import { ok } from '../../lib/http/responses';
import { readSource } from '../../lib/sources/read';

/** GET /sources/{source_id} */
export const handler = endpoint(SOURCE_ROUTES.getSource, async ({ path }) => ok(await readSource(path.source_id)));
