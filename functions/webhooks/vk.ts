import { endpoint, rawBody } from '../../lib/http/endpoint';
import { webhookResponse } from '../../lib/http/webhook-response';
import { WebhookPath } from '../../lib/schemas/webhooks';
import { receiveVk } from '../../lib/webhooks/receive';

/** POST /webhooks/vk/{source_id} */
export const handler = endpoint({ path: WebhookPath }, async ({ path, event }) =>
  webhookResponse(await receiveVk(path.source_id, rawBody(event))),
);
