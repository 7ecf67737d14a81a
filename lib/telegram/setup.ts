import { randomBytes } from 'node:crypto';
import { getOperator } from '../db/operators';
import { deleteTelegramBot, getTelegramBot, saveLinkCode, saveTelegramBot, unlinkChat } from '../db/telegram';
import { ConflictError, InvalidError, notFound } from '../errors';
import { logError } from '../log';
import { TelegramBot, TelegramLink, type StoredTelegramBot, type TelegramBotInput } from '../schemas/telegram';
import { callBotApi, TelegramApiError } from './bot-api';

/** The path Telegram posts the operators' bot's updates to. */
export const BOT_WEBHOOK_PATH = '/webhooks/telegram-bot';
/** How long a link code works. */
export const LINK_CODE_TTL_MS = 15 * 60_000;

const view = (bot: StoredTelegramBot | undefined) =>
  TelegramBot.parse({ configured: bot !== undefined, username: bot?.username ?? null, webhook_url: bot?.webhook_url ?? null });

export const readBot = async () => view(await getTelegramBot());

/**
 * Connects the operators' bot: checks the token with Telegram (`getMe`), points the bot's webhook at
 * this API with a new `secret_token` that every update must carry, and keeps the token (never shown
 * again). Calling it again with the same or another token reconnects.
 */
export async function connectBot({ token }: TelegramBotInput, apiBaseUrl: string, now = new Date()) {
  const refused = (what: string, error: unknown): never => {
    if (error instanceof TelegramApiError) throw new InvalidError(`Telegram refused ${what}: ${error.description}`, ['body', 'token']);
    throw error;
  };
  const me = await callBotApi<{ username: string }>(token, 'getMe').catch((error) => refused('the token', error));
  const bot: StoredTelegramBot = {
    token,
    secret_token: randomBytes(32).toString('base64url'),
    username: me.username,
    webhook_url: `${apiBaseUrl}${BOT_WEBHOOK_PATH}`,
    configured_at: now.toISOString(),
  };
  await callBotApi(token, 'setWebhook', {
    url: bot.webhook_url,
    secret_token: bot.secret_token,
    allowed_updates: ['message', 'callback_query'],
  }).catch((error) => refused(`the webhook ${bot.webhook_url}`, error));
  await saveTelegramBot(bot);
  return view(bot);
}

/** Disconnects the bot: its webhook is removed (if Telegram still knows the token) and its token forgotten. */
export async function disconnectBot(): Promise<void> {
  const bot = await getTelegramBot();
  if (!bot) return;
  await callBotApi(bot.token, 'deleteWebhook').catch((error) => logError('deleteWebhook failed', error));
  await deleteTelegramBot();
}

/** A one-time code for an operator to send the bot (`/start CODE`), valid `LINK_CODE_TTL_MS`. */
export async function createLinkCode(operatorId: number, now = new Date()) {
  const [bot, operator] = await Promise.all([getTelegramBot(), getOperator(operatorId)]);
  if (!operator) throw notFound('Operator', operatorId);
  if (!bot) throw new ConflictError('The operators’ bot is not connected: PUT /telegram/bot first');
  const code = randomBytes(12).toString('base64url');
  const expiresAt = new Date(now.getTime() + LINK_CODE_TTL_MS);
  await saveLinkCode(code, operatorId, expiresAt);
  return TelegramLink.parse({ code, expires_at: expiresAt.toISOString(), link: `https://t.me/${bot.username}?start=${code}` });
}

/** Unlinks an operator's chat: offers stop going there. */
export async function unlinkOperator(operatorId: number): Promise<void> {
  const operator = await getOperator(operatorId);
  if (!operator) throw notFound('Operator', operatorId);
  await unlinkChat(operatorId, operator.telegram_chat_id);
}
