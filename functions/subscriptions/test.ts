import { pingSubscription } from '../../lib/events/subscriptions';
import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { SubscriptionPath } from '../../lib/schemas/events';

/** POST /subscriptions/{subscription_id}/test */
export const handler = endpoint({ path: SubscriptionPath }, async ({ path }) => ok(await pingSubscription(path.subscription_id)));
