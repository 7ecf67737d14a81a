import { retryDelivery } from '../../lib/events/subscriptions';
import { endpoint } from '../../lib/http/endpoint';
import { SUBSCRIPTION_ROUTES } from '../../lib/routes/subscriptions';
import { json } from '../../lib/http/responses';

/** POST /subscriptions/{subscription_id}/deliveries/{delivery_id}/retry */
export const handler = endpoint(SUBSCRIPTION_ROUTES.retryDelivery, async ({ path }) => {
  const { delivery, sent } = await retryDelivery(path.subscription_id, path.delivery_id);
  return json(sent ? 200 : 202, delivery);
});
