import { endpoint } from '../../lib/http/endpoint';
import { TELEGRAM_ROUTES } from '../../lib/routes/telegram';
import { ok } from '../../lib/http/responses';
import { publicBaseUrl } from '../../lib/http/request';
import { connectBot } from '../../lib/telegram/setup';

/** PUT /telegram/bot */
export const handler = endpoint(TELEGRAM_ROUTES.putTelegramBot, async ({ body, event }) =>
  ok(await connectBot(body, publicBaseUrl(event))),
);
