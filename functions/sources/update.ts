import { replaceSource } from '../../lib/db/sources';
import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { SourceInput, SourcePath } from '../../lib/schemas/sources';

/** PUT /sources/{source_id} */
export const handler = endpoint({ path: SourcePath, body: SourceInput }, async ({ path, body }) =>
  ok(await replaceSource(path.source_id, body)),
);
