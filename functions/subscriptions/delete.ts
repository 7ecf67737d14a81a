import { unsubscribe } from '../../lib/events/subscriptions';
import { endpoint } from '../../lib/http/endpoint';
import { SUBSCRIPTION_ROUTES } from '../../lib/routes/subscriptions';
import { noContent } from '../../lib/http/responses';

/** DELETE /subscriptions/{subscription_id} */
export const handler = endpoint(SUBSCRIPTION_ROUTES.deleteSubscription, async ({ path }) => {
  await unsubscribe(path.subscription_id);
  return noContent();
});
