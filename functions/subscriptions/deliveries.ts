import { listSubscriptionDeliveries } from '../../lib/events/subscriptions';
import { endpoint } from '../../lib/http/endpoint';
import { SUBSCRIPTION_ROUTES } from '../../lib/routes/subscriptions';
import { pageResponse } from '../../lib/http/responses';

/** GET /subscriptions/{subscription_id}/deliveries */
export const handler = endpoint(SUBSCRIPTION_ROUTES.listDeliveries, async ({ path, query, event }) =>
  pageResponse(event, await listSubscriptionDeliveries(path.subscription_id, query)),
);
