import { endpoint } from '../../lib/http/endpoint';
import { TELEGRAM_ROUTES } from '../../lib/routes/telegram';
import { ok } from '../../lib/http/responses';
import { readBot } from '../../lib/telegram/setup';

/** GET /telegram/bot */
export const handler = endpoint(TELEGRAM_ROUTES.getTelegramBot, async () => ok(await readBot()));
