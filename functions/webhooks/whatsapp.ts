import { endpoint, rawBody } from '../../lib/http/endpoint';
import { WEBHOOK_ROUTES } from '../../lib/routes/webhooks';
import { webhookResponse } from '../../lib/http/webhook-response';
import { receiveWhatsApp } from '../../lib/webhooks/receive';

/** POST /webhooks/whatsapp/{source_id} */
export const handler = endpoint(WEBHOOK_ROUTES.whatsappWebhook, async ({ path, event }) =>
  webhookResponse(await receiveWhatsApp(path.source_id, event.headers, rawBody(event))),
);
