import { createSource } from '../../lib/db/sources';
import { endpoint } from '../../lib/http/endpoint';
import { SOURCE_ROUTES } from '../../lib/routes/sources';
import { created } from '../../lib/http/responses';

/** POST /sources/ */
export const handler = endpoint(SOURCE_ROUTES.createSource, async ({ body }) => created(await createSource(body)));
