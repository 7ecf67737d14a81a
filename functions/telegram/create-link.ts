import { endpoint } from '../../lib/http/endpoint';
import { TELEGRAM_ROUTES } from '../../lib/routes/telegram';
import { created } from '../../lib/http/responses';
import { createLinkCode } from '../../lib/telegram/setup';

/** POST /operators/{operator_id}/telegram-link */
export const handler = endpoint(TELEGRAM_ROUTES.createTelegramLink, async ({ path }) => created(await createLinkCode(path.operator_id)));
