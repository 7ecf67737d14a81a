import { listAuditTrail } from '../../lib/audit/trail';
import { endpoint } from '../../lib/http/endpoint';
import { pageResponse } from '../../lib/http/responses';
import { AuditListQuery } from '../../lib/schemas/audit';

/** GET /audit/?entity=&entity_id=&from=&to= */
export const handler = endpoint({ query: AuditListQuery }, async ({ query, event }) => pageResponse(event, await listAuditTrail(query)));
