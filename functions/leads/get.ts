import { endpoint } from '../../lib/http/endpoint';
import { LEAD_ROUTES } from '../../lib/routes/leads';
import { ok } from '../../lib/http/responses';
import { readLead } from '../../lib/leads/read';

/** GET /leads/{lead_id} */
export const handler = endpoint(LEAD_ROUTES.getLead, async ({ path }) => ok(await readLead(path.lead_id)));
