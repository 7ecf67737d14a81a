import { endpoint } from '../../lib/http/endpoint';
import { TELEGRAM_ROUTES } from '../../lib/routes/telegram';
import { noContent } from '../../lib/http/responses';
import { disconnectBot } from '../../lib/telegram/setup';

/** DELETE /telegram/bot */
export const handler = endpoint(TELEGRAM_ROUTES.deleteTelegramBot, async () => {
  await disconnectBot();
  return noContent();
});
