import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { readLead } from '../../lib/leads/read';
import { LeadPath } from '../../lib/schemas/leads';

/** GET /leads/{lead_id} */
export const handler = endpoint({ path: LeadPath }, async ({ path }) => ok(await readLead(path.lead_id)));
