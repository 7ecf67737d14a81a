import { subscribe } from '../../lib/events/subscriptions';
import { endpoint } from '../../lib/http/endpoint';
import { SUBSCRIPTION_ROUTES } from '../../lib/routes/subscriptions';
import { created } from '../../lib/http/responses';

/** POST /subscriptions/ */
export const handler = endpoint(SUBSCRIPTION_ROUTES.createSubscription, async ({ body }) => created(await subscribe(body)));
