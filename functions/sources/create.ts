import { createSource } from '../../lib/db/sources';
import { endpoint } from '../../lib/http/endpoint';
import { created } from '../../lib/http/responses';
import { SourceInput } from '../../lib/schemas/sources';

/** POST /sources/ */
export const handler = endpoint({ body: SourceInput }, async ({ body }) => created(await createSource(body)));
