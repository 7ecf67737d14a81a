import { rotateSecret } from '../../lib/events/subscriptions';
import { endpoint } from '../../lib/http/endpoint';
import { SUBSCRIPTION_ROUTES } from '../../lib/routes/subscriptions';
import { ok } from '../../lib/http/responses';

/** POST /subscriptions/{subscription_id}/rotate-secret */
export const handler = endpoint(SUBSCRIPTION_ROUTES.rotateSubscriptionSecret, async ({ path }) =>
  ok(await rotateSecret(path.subscription_id)),
);
