import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { SourcePath } from '../../lib/schemas/sources';
import { readSource } from '../../lib/sources/read';

/** GET /sources/{source_id} */
export const handler = endpoint({ path: SourcePath }, async ({ path }) => ok(await readSource(path.source_id)));
