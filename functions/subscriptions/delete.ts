import { unsubscribe } from '../../lib/events/subscriptions';
import { endpoint } from '../../lib/http/endpoint';
import { noContent } from '../../lib/http/responses';
import { SubscriptionPath } from '../../lib/schemas/events';

/** DELETE /subscriptions/{subscription_id} */
export const handler = endpoint({ path: SubscriptionPath }, async ({ path }) => {
  await unsubscribe(path.subscription_id);
  return noContent();
});
