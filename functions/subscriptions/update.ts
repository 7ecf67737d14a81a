import { replaceSubscription } from '../../lib/events/subscriptions';
import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { SubscriptionInput, SubscriptionPath } from '../../lib/schemas/events';

/** PUT /subscriptions/{subscription_id} */
export const handler = endpoint({ path: SubscriptionPath, body: SubscriptionInput }, async ({ path, body }) =>
  ok(await replaceSubscription(path.subscription_id, body)),
);
