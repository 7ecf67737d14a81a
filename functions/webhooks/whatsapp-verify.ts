import { endpoint } from '../../lib/http/endpoint';
import { WEBHOOK_ROUTES } from '../../lib/routes/webhooks';
import { webhookResponse } from '../../lib/http/webhook-response';
import { verifyWhatsAppSubscription } from '../../lib/webhooks/receive';

/** GET /webhooks/whatsapp/{source_id}: Meta's subscription handshake */
export const handler = endpoint(WEBHOOK_ROUTES.whatsappVerify, async ({ path, query }) =>
  webhookResponse(await verifyWhatsAppSubscription(path.source_id, query)),
);
