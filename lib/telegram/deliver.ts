import type { StoredDelivery } from '../db/deliveries';
import { getOfferMessage, getTelegramBot, saveOfferMessage } from '../db/telegram';
import type { AttemptResult } from '../events/send';
import { callBotApi, TelegramApiError } from './bot-api';
import { assignedText, endedText, offerKeyboard, offerText, type TelegramMessage } from './messages';

/**
 * Sends one of the bot's messages (a delivery of the Telegram queue of a contact, so that an
 * offer's outcome always comes after the offer). A message the bot cannot send (bot removed, chat
 * blocked it) fails at once; Telegram's 429 and 5xx are retried like any receiver's.
 */
export async function sendToTelegram(delivery: StoredDelivery): Promise<AttemptResult> {
  const bot = await getTelegramBot();
  if (!bot) return { ok: false, status: null, error: 'the operators’ bot is not connected', permanent: true };
  const message = JSON.parse(delivery.payload) as TelegramMessage;
  try {
    if (message.kind === 'offer') {
      const sent = await callBotApi<{ message_id: number }>(bot.token, 'sendMessage', {
        chat_id: message.chat_id,
        text: offerText(message),
        reply_markup: offerKeyboard(message.contact_id, message.offered_at),
      });
      await saveOfferMessage(message.contact_id, message.offered_at, { chat_id: message.chat_id, message_id: sent.message_id });
    } else if (message.kind === 'assigned') {
      await callBotApi(bot.token, 'sendMessage', { chat_id: message.chat_id, text: assignedText(message) });
    } else {
      const sent = await getOfferMessage(message.contact_id, message.offered_at);
      // No message to edit: the offer went to someone without a linked chat, or its sending failed.
      if (sent)
        await callBotApi(bot.token, 'editMessageText', { ...sent, text: endedText(message), reply_markup: { inline_keyboard: [] } });
    }
    return { ok: true, status: 200, error: null };
  } catch (error) {
    if (error instanceof TelegramApiError) {
      // Editing a message to what it says already is not a failure (a delivery sent twice).
      if (error.description.includes('message is not modified')) return { ok: true, status: 200, error: null };
      return { ok: false, status: error.status, error: error.description.slice(0, 200), permanent: error.permanent };
    }
    return { ok: false, status: null, error: error instanceof Error ? error.message.slice(0, 200) : String(error) };
  }
}
