import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { publicBaseUrl } from '../../lib/http/request';
import { TelegramBotInput } from '../../lib/schemas/telegram';
import { connectBot } from '../../lib/telegram/setup';

/** PUT /telegram/bot */
export const handler = endpoint({ body: TelegramBotInput }, async ({ body, event }) => ok(await connectBot(body, publicBaseUrl(event))));
