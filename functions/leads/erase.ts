import { endpoint } from '../../lib/http/endpoint';
import { LEAD_ROUTES } from '../../lib/routes/leads';
import { ok } from '../../lib/http/responses';
import { eraseLead } from '../../lib/leads/erase';

/** DELETE /leads/{lead_id}: erases the lead's personal data; their contacts stay */
export const handler = endpoint(LEAD_ROUTES.eraseLead, async ({ path }) => ok(await eraseLead(path.lead_id)));
