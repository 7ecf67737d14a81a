import { replaceSubscription } from '../../lib/events/subscriptions';
import { endpoint } from '../../lib/http/endpoint';
import { SUBSCRIPTION_ROUTES } from '../../lib/routes/subscriptions';
import { ok } from '../../lib/http/responses';

/** PUT /subscriptions/{subscription_id} */
export const handler = endpoint(SUBSCRIPTION_ROUTES.updateSubscription, async ({ path, body }) =>
  ok(await replaceSubscription(path.subscription_id, body)),
);
