import { readSubscription } from '../../lib/events/subscriptions';
import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { SubscriptionPath } from '../../lib/schemas/events';

/** GET /subscriptions/{subscription_id} */
export const handler = endpoint({ path: SubscriptionPath }, async ({ path }) => ok(await readSubscription(path.subscription_id)));
