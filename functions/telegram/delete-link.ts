import { endpoint } from '../../lib/http/endpoint';
import { TELEGRAM_ROUTES } from '../../lib/routes/telegram';
import { noContent } from '../../lib/http/responses';
import { unlinkOperator } from '../../lib/telegram/setup';

/** DELETE /operators/{operator_id}/telegram-link */
export const handler = endpoint(TELEGRAM_ROUTES.deleteTelegramLink, async ({ path }) => {
  await unlinkOperator(path.operator_id);
  return noContent();
});
