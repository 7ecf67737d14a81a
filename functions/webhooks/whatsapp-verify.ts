import { endpoint } from '../../lib/http/endpoint';
import { webhookResponse } from '../../lib/http/webhook-response';
import { WebhookPath, WhatsAppVerifyQuery } from '../../lib/schemas/webhooks';
import { verifyWhatsAppSubscription } from '../../lib/webhooks/receive';

/** GET /webhooks/whatsapp/{source_id}: Meta's subscription handshake */
export const handler = endpoint({ path: WebhookPath, query: WhatsAppVerifyQuery }, async ({ path, query }) =>
  webhookResponse(await verifyWhatsAppSubscription(path.source_id, query)),
);
