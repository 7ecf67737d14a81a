import * as z from 'zod';
import { Timestamp } from './common';

/** Body of `PUT /telegram/bot`: the operators' bot's token from @BotFather. Write-only: no answer shows it. */
export const TelegramBotInput = z.object({
  token: z.string().regex(/^\d{1,20}:[A-Za-z0-9_-]{20,100}$/, 'not a Telegram bot token (digits, a colon, then the secret part)'),
});
export type TelegramBotInput = z.infer<typeof TelegramBotInput>;

/** The bot as stored: its token and the secret Telegram sends back with every update (`secret_token`). */
export const StoredTelegramBot = z.object({
  token: z.string(),
  secret_token: z.string(),
  username: z.string(),
  webhook_url: z.string(),
  configured_at: Timestamp,
});
export type StoredTelegramBot = z.infer<typeof StoredTelegramBot>;

/** `GET|PUT /telegram/bot`: whether the operators' bot is connected, and as whom. */
export const TelegramBot = z.object({
  configured: z.boolean(),
  username: z.string().nullable(),
  webhook_url: z.string().nullable(),
});

/** `POST /operators/{operator_id}/telegram-link`: the one-time code the operator sends the bot. */
export const TelegramLink = z.object({
  code: z.string(),
  expires_at: Timestamp,
  /** Opens the bot with `/start CODE` filled in. */
  link: z.string(),
});

/** The parts of a Telegram update the operators' bot acts on; anything else is acknowledged and ignored. */
export const TelegramBotUpdate = z.object({
  update_id: z.number().int(),
  message: z
    .object({
      message_id: z.number().int(),
      chat: z.object({ id: z.number().int(), type: z.string() }),
      text: z.string().optional(),
    })
    .optional(),
  callback_query: z
    .object({
      id: z.string(),
      from: z.object({ id: z.number().int() }),
      message: z.object({ message_id: z.number().int(), chat: z.object({ id: z.number().int() }) }).optional(),
      data: z.string().optional(),
    })
    .optional(),
});
export type TelegramBotUpdate = z.infer<typeof TelegramBotUpdate>;
