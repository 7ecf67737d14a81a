import * as z from 'zod';
import { WebhookPath, WhatsAppVerifyQuery } from '../schemas/webhooks';
import { one, type Route } from './route';

const webhookReply = one(
  'Received: the contacts made (a redelivery answers the same)',
  z.object({ ok: z.boolean(), contacts: z.array(z.number().int()) }),
  { ok: true, contacts: [12] },
);

export const WEBHOOK_ROUTES = {
  telegramBotWebhook: {
    method: 'post',
    path: '/webhooks/telegram-bot',
    handler: 'webhooks/telegram-bot',
    iam: 'deleter',
    summary: 'Updates of the operators’ bot (links and button presses), checked by X-Telegram-Bot-Api-Secret-Token',
    tag: 'Webhooks',
    public: true,
    rawBody: z.record(z.string(), z.unknown()),
    responses: { 200: one('Handled', z.object({ ok: z.boolean() }), { ok: true }) },
  },
  telegramWebhook: {
    method: 'post',
    path: '/webhooks/telegram/{source_id}',
    handler: 'webhooks/telegram',
    iam: 'writer',
    summary: 'Telegram Bot API updates',
    tag: 'Webhooks',
    public: true,
    pathParams: WebhookPath,
    rawBody: z.record(z.string(), z.unknown()),
    responses: { 200: webhookReply },
  },
  whatsappWebhook: {
    method: 'post',
    path: '/webhooks/whatsapp/{source_id}',
    handler: 'webhooks/whatsapp',
    iam: 'writer',
    summary: 'WhatsApp Cloud API notifications',
    tag: 'Webhooks',
    public: true,
    pathParams: WebhookPath,
    rawBody: z.record(z.string(), z.unknown()),
    responses: { 200: webhookReply },
  },
  whatsappVerify: {
    method: 'get',
    path: '/webhooks/whatsapp/{source_id}',
    handler: 'webhooks/whatsapp-verify',
    iam: 'reader',
    summary: "Meta's subscription handshake",
    tag: 'Webhooks',
    public: true,
    pathParams: WebhookPath,
    query: WhatsAppVerifyQuery,
    responses: { 200: { description: 'hub.challenge, as text', text: true, example: '1158201444' } },
  },
  vkWebhook: {
    method: 'post',
    path: '/webhooks/vk/{source_id}',
    handler: 'webhooks/vk',
    iam: 'writer',
    summary: 'VK Callback API events',
    tag: 'Webhooks',
    public: true,
    pathParams: WebhookPath,
    rawBody: z.record(z.string(), z.unknown()),
    responses: { 200: { description: 'The confirmation string, or ok', text: true, example: 'ok' } },
  },
} satisfies Record<string, Route>;
