import { endpoint, rawBody } from '../../lib/http/endpoint';
import { WEBHOOK_ROUTES } from '../../lib/routes/webhooks';
import { ok } from '../../lib/http/responses';
import { receiveBotUpdate } from '../../lib/telegram/updates';

/** POST /webhooks/telegram-bot: the operators' bot's updates (links, button presses). */
export const handler = endpoint(WEBHOOK_ROUTES.telegramBotWebhook, async ({ event }) =>
  ok(await receiveBotUpdate(event.headers, rawBody(event))),
);
