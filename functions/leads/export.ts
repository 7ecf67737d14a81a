import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { exportLead } from '../../lib/leads/export';
import { LeadPath } from '../../lib/schemas/leads';

/** GET /leads/{lead_id}/export */
export const handler = endpoint({ path: LeadPath }, async ({ path }) => ok(await exportLead(path.lead_id)));
