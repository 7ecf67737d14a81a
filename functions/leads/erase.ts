import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { eraseLead } from '../../lib/leads/erase';
import { LeadPath } from '../../lib/schemas/leads';

/** DELETE /leads/{lead_id}: erases the lead's personal data; their contacts stay */
export const handler = endpoint({ path: LeadPath }, async ({ path }) => ok(await eraseLead(path.lead_id)));
