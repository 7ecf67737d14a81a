import { subscribe } from '../../lib/events/subscriptions';
import { endpoint } from '../../lib/http/endpoint';
import { created } from '../../lib/http/responses';
import { SubscriptionInput } from '../../lib/schemas/events';

/** POST /subscriptions/ */
export const handler = endpoint({ body: SubscriptionInput }, async ({ body }) => created(await subscribe(body)));
