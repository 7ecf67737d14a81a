import { endpoint, rawBody } from '../../lib/http/endpoint';
import { WEBHOOK_ROUTES } from '../../lib/routes/webhooks';
import { webhookResponse } from '../../lib/http/webhook-response';
import { receiveTelegram } from '../../lib/webhooks/receive';

/** POST /webhooks/telegram/{source_id} */
export const handler = endpoint(WEBHOOK_ROUTES.telegramWebhook, async ({ path, event }) =>
  webhookResponse(await receiveTelegram(path.source_id, event.headers, rawBody(event))),
);
