import { listSubscriptionDeliveries } from '../../lib/events/subscriptions';
import { endpoint } from '../../lib/http/endpoint';
import { pageResponse } from '../../lib/http/responses';
import { DeliveryListQuery, SubscriptionPath } from '../../lib/schemas/events';

/** GET /subscriptions/{subscription_id}/deliveries */
export const handler = endpoint({ path: SubscriptionPath, query: DeliveryListQuery }, async ({ path, query, event }) =>
  pageResponse(event, await listSubscriptionDeliveries(path.subscription_id, query)),
);
