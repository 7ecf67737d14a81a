import { listSubscriptionViews } from '../../lib/events/subscriptions';
import { endpoint } from '../../lib/http/endpoint';
import { SUBSCRIPTION_ROUTES } from '../../lib/routes/subscriptions';
import { ok } from '../../lib/http/responses';

/** GET /subscriptions/ */
export const handler = endpoint(SUBSCRIPTION_ROUTES.listSubscriptions, async () => ok(await listSubscriptionViews()));
