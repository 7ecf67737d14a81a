import { pingSubscription } from '../../lib/events/subscriptions';
import { endpoint } from '../../lib/http/endpoint';
import { SUBSCRIPTION_ROUTES } from '../../lib/routes/subscriptions';
import { ok } from '../../lib/http/responses';

/** POST /subscriptions/{subscription_id}/test */
export const handler = endpoint(SUBSCRIPTION_ROUTES.testSubscription, async ({ path }) => ok(await pingSubscription(path.subscription_id)));
