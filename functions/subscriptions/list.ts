import { listSubscriptionViews } from '../../lib/events/subscriptions';
import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';

/** GET /subscriptions/ */
export const handler = endpoint({}, async () => ok(await listSubscriptionViews()));
