import { listAuditTrail } from '../../lib/audit/trail';
import { endpoint } from '../../lib/http/endpoint';
import { AUDIT_ROUTES } from '../../lib/routes/audit';
import { pageResponse } from '../../lib/http/responses';

/** GET /audit/?entity=&entity_id=&from=&to= */
export const handler = endpoint(AUDIT_ROUTES.listAudit, async ({ query, event }) => pageResponse(event, await listAuditTrail(query)));
