import { endpoint, rawBody } from '../../lib/http/endpoint';
import { webhookResponse } from '../../lib/http/webhook-response';
import { WebhookPath } from '../../lib/schemas/webhooks';
import { receiveTelegram } from '../../lib/webhooks/receive';

/** POST /webhooks/telegram/{source_id} */
export const handler = endpoint({ path: WebhookPath }, async ({ path, event }) =>
  webhookResponse(await receiveTelegram(path.source_id, event.headers, rawBody(event))),
);
