import { endpoint } from '../../lib/http/endpoint';
import { noContent } from '../../lib/http/responses';
import { disconnectBot } from '../../lib/telegram/setup';

/** DELETE /telegram/bot */
export const handler = endpoint({}, async () => {
  await disconnectBot();
  return noContent();
});
