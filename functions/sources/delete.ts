import { endpoint } from '../../lib/http/endpoint';
import { noContent } from '../../lib/http/responses';
import { SourcePath } from '../../lib/schemas/sources';
import { removeSource } from '../../lib/sources/remove';

/** DELETE /sources/{source_id} */
export const handler = endpoint({ path: SourcePath }, async ({ path }) => {
  await removeSource(path.source_id);
  return noContent();
});
