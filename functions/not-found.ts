import { endpoint } from '../lib/http/endpoint';
import { json } from '../lib/http/responses';

/** Every route the API does not have: FastAPI's 404 body rather than API Gateway's. */
export const handler = endpoint({}, async () => json(404, { detail: 'Not Found' }));
