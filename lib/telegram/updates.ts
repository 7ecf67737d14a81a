import { acceptOffer, declineOffer } from '../contacts/offers';
import { getOperator } from '../db/operators';
import { getTelegramBot, operatorOfChat, redeemLinkCode } from '../db/telegram';
import { ConflictError, InvalidError, NotFoundError, UnauthorizedError } from '../errors';
import { parseJson } from '../http/validation';
import { logError } from '../log';
import { TelegramBotUpdate } from '../schemas/telegram';
import { secretsMatch } from '../webhooks/signatures';
import { callBotApi } from './bot-api';
import { parseButtonData } from './messages';

type Headers = Record<string, string | undefined>;
const START = /^\/start(?:@\w+)?(?:\s+([A-Za-z0-9_-]{1,64}))?\s*$/;

/**
 * One update Telegram posts to the operators' bot, checked by the `secret_token` set with its
 * webhook: `/start CODE` links the chat to the operator the code was made for; a press of Accept or
 * Decline accepts or declines that very offer, for the operator the chat belongs to, exactly once
 * however often Telegram retries (the change is conditional on the offer still pending). The
 * message's edit follows from the change itself, through the contact's Telegram queue.
 */
export async function receiveBotUpdate(headers: Headers, rawBody: Buffer, now = new Date()): Promise<{ ok: true }> {
  const bot = await getTelegramBot();
  if (!bot) throw new NotFoundError('The operators’ bot is not connected');
  if (!secretsMatch(headers['x-telegram-bot-api-secret-token'], bot.secret_token)) {
    throw new UnauthorizedError('Missing or wrong X-Telegram-Bot-Api-Secret-Token');
  }
  const update = TelegramBotUpdate.safeParse(parseJson(rawBody.toString('utf8')));
  if (!update.success) throw new InvalidError('not a Telegram update', ['body']);
  const say = (method: string, params: Record<string, unknown>) =>
    callBotApi(bot.token, method, params).catch((error) => logError(`Telegram ${method} failed`, error));

  const { message, callback_query: press } = update.data;
  const start = message?.text === undefined ? null : START.exec(message.text);
  if (message && start) {
    const operatorId = start[1] ? await redeemLinkCode(start[1], message.chat.id, now) : undefined;
    const operator = operatorId === undefined ? undefined : await getOperator(operatorId);
    await say('sendMessage', {
      chat_id: message.chat.id,
      text: operator
        ? `Linked to ${operator.name}: your offers will come here.`
        : 'This code is unknown or expired. Ask for a new one in the dashboard, then send /start CODE.',
    });
  }
  if (press) {
    const chatId = press.message?.chat.id ?? press.from.id;
    const button = parseButtonData(press.data);
    const operatorId = await operatorOfChat(chatId);
    const operator = operatorId === undefined ? undefined : await getOperator(operatorId);
    let answer: string;
    if (!button) answer = 'Unknown button';
    else if (!operator || operator.telegram_chat_id !== chatId) answer = 'This chat is not linked to an operator';
    else {
      const options = { now: () => now, offer: { operatorId: operator.id, offeredAt: button.offeredAt } };
      try {
        await (button.action === 'accept' ? acceptOffer : declineOffer)(button.contactId, options);
        answer = button.action === 'accept' ? 'Accepted: the contact is yours' : 'Declined';
      } catch (error) {
        if (!(error instanceof ConflictError || error instanceof NotFoundError)) throw error;
        answer = 'This offer is no longer open';
      }
    }
    await say('answerCallbackQuery', { callback_query_id: press.id, text: answer });
  }
  return { ok: true };
}
