import { endpoint, rawBody } from '../../lib/http/endpoint';
import { WEBHOOK_ROUTES } from '../../lib/routes/webhooks';
import { webhookResponse } from '../../lib/http/webhook-response';
import { receiveVk } from '../../lib/webhooks/receive';

/** POST /webhooks/vk/{source_id} */
export const handler = endpoint(WEBHOOK_ROUTES.vkWebhook, async ({ path, event }) =>
  webhookResponse(await receiveVk(path.source_id, rawBody(event))),
);
