import { endpoint, rawBody } from '../../lib/http/endpoint';
import { webhookResponse } from '../../lib/http/webhook-response';
import { WebhookPath } from '../../lib/schemas/webhooks';
import { receiveWhatsApp } from '../../lib/webhooks/receive';

/** POST /webhooks/whatsapp/{source_id} */
export const handler = endpoint({ path: WebhookPath }, async ({ path, event }) =>
  webhookResponse(await receiveWhatsApp(path.source_id, event.headers, rawBody(event))),
);
