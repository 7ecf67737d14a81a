import { endpoint } from '../../lib/http/endpoint';
import { SOURCE_ROUTES } from '../../lib/routes/sources';
import { noContent } from '../../lib/http/responses';
import { removeSource } from '../../lib/sources/remove';

/** DELETE /sources/{source_id} */
export const handler = endpoint(SOURCE_ROUTES.deleteSource, async ({ path }) => {
  await removeSource(path.source_id);
  return noContent();
});
