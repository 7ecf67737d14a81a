import { readSubscription } from '../../lib/events/subscriptions';
import { endpoint } from '../../lib/http/endpoint';
import { SUBSCRIPTION_ROUTES } from '../../lib/routes/subscriptions';
import { ok } from '../../lib/http/responses';

/** GET /subscriptions/{subscription_id} */
export const handler = endpoint(SUBSCRIPTION_ROUTES.getSubscription, async ({ path }) => ok(await readSubscription(path.subscription_id)));
