import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { openApiDocument } from '../../lib/openapi/document';

const document = openApiDocument();

/** GET /openapi.json */
export const handler = endpoint({}, async () => ok(document));
