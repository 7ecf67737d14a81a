import { ADMIN, MANAGE, withOwn } from '../auth/roles';
import { OperatorPath } from '../schemas/operators';
import { TelegramBot, TelegramBotInput, TelegramLink } from '../schemas/telegram';
import { one, type Route } from './route';

export const TELEGRAM_ROUTES = {
  putTelegramBot: {
    method: 'put',
    path: '/telegram/bot',
    handler: 'telegram/put-bot',
    iam: 'writer',
    access: ADMIN,
    summary: 'Connect the operators’ Telegram bot (its token is write-only)',
    tag: 'Telegram',
    body: TelegramBotInput,
    bodyExample: { token: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw' },
    responses: {
      200: one('Connected: the bot’s webhook points at this API', TelegramBot, {
        configured: true,
        username: 'crm_team_bot',
        webhook_url: 'https://api.example.com/webhooks/telegram-bot',
      }),
    },
  },
  getTelegramBot: {
    method: 'get',
    path: '/telegram/bot',
    handler: 'telegram/get-bot',
    iam: 'reader',
    access: ADMIN,
    summary: 'Whether the operators’ bot is connected',
    tag: 'Telegram',
    responses: { 200: one('The bot, without its token', TelegramBot, { configured: false, username: null, webhook_url: null }) },
  },
  deleteTelegramBot: {
    method: 'delete',
    path: '/telegram/bot',
    handler: 'telegram/delete-bot',
    iam: 'deleter',
    access: ADMIN,
    summary: 'Disconnect the operators’ bot',
    tag: 'Telegram',
    responses: { 204: { description: 'Disconnected (or was not connected)' } },
  },
  createTelegramLink: {
    method: 'post',
    path: '/operators/{operator_id}/telegram-link',
    handler: 'telegram/create-link',
    iam: 'writer',
    access: withOwn(MANAGE, 'operator'),
    summary: 'A one-time code the operator sends the bot to get their offers in Telegram',
    tag: 'Telegram',
    pathParams: OperatorPath,
    responses: {
      201: one('The code, valid 15 minutes', TelegramLink, {
        code: 'q3v9Xb2LmN0pRs7T',
        expires_at: '2026-11-25T07:24:09.429Z',
        link: 'https://t.me/crm_team_bot?start=q3v9Xb2LmN0pRs7T',
      }),
    },
  },
  deleteTelegramLink: {
    method: 'delete',
    path: '/operators/{operator_id}/telegram-link',
    handler: 'telegram/delete-link',
    iam: 'deleter',
    access: withOwn(MANAGE, 'operator'),
    summary: 'Unlink the operator’s Telegram chat',
    tag: 'Telegram',
    pathParams: OperatorPath,
    responses: { 204: { description: 'Unlinked' } },
  },
} satisfies Record<string, Route>;
