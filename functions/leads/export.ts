import { endpoint } from '../../lib/http/endpoint';
import { LEAD_ROUTES } from '../../lib/routes/leads';
import { ok } from '../../lib/http/responses';
import { exportLead } from '../../lib/leads/export';

/** GET /leads/{lead_id}/export */
export const handler = endpoint(LEAD_ROUTES.exportLead, async ({ path }) => ok(await exportLead(path.lead_id)));
