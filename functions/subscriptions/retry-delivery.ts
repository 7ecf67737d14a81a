import { retryDelivery } from '../../lib/events/subscriptions';
import { endpoint } from '../../lib/http/endpoint';
import { json } from '../../lib/http/responses';
import { DeliveryPath } from '../../lib/schemas/events';

/** POST /subscriptions/{subscription_id}/deliveries/{delivery_id}/retry */
export const handler = endpoint({ path: DeliveryPath }, async ({ path }) => {
  const { delivery, sent } = await retryDelivery(path.subscription_id, path.delivery_id);
  return json(sent ? 200 : 202, delivery);
});
