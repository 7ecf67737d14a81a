import * as z from 'zod';
import { Assignment, AssignmentInput, AssignmentPath, AssignmentWeightInput } from '../schemas/assignments';
import { Simulation, SimulationInput } from '../schemas/simulation';
import { ListQuery } from '../schemas/common';
import {
  Contact,
  ContactListQuery,
  ContactPath,
  ContactWithRouting,
  ReassignInput,
  RegisterContactHeaders,
  RegisterContactInput,
} from '../schemas/contacts';
import { Lead, LeadPath, LeadWithContacts } from '../schemas/leads';
import { Operator, OperatorInput, OperatorLoad, OperatorPatch, OperatorPath } from '../schemas/operators';
import {
  Delivery,
  DeliveryListQuery,
  DeliveryPath,
  Subscription,
  SubscriptionInput,
  SubscriptionPath,
  SubscriptionWithSecret,
  TestDelivery,
} from '../schemas/events';
import { WorkingHours } from '../schemas/schedules';
import { TelegramBot, TelegramBotInput, TelegramLink } from '../schemas/telegram';
import { Source, SourceInput, SourcePath, SourceStats, SourceStatsQuery, SourceWithAssignments } from '../schemas/sources';
import { WebhookPath, WhatsAppVerifyQuery } from '../schemas/webhooks';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ResponseDoc {
  description: string;
  schema?: z.ZodType;
  /** Plain text rather than JSON. */
  text?: boolean;
  example?: unknown;
}

/** One documented route: what it takes, what it answers. The schemas are the ones the handler validates with. */
export interface RouteDoc {
  method: Method;
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  bodyExample?: unknown;
  pathParams?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  responses: Record<number, ResponseDoc>;
  /** Reachable without an API key (webhooks carry their own proof). */
  public?: boolean;
}

const operatorExample = {
  id: 1,
  name: 'Оператор Иван',
  is_active: true,
  max_load: 5,
  current_load: 0,
  presence: 'available',
  presence_timeout_s: null,
  last_heartbeat_at: null,
  quota: null,
  quota_used: null,
  telegram_linked: false,
  eligible_now: true,
  not_eligible_because: null,
};
const scheduleExample = {
  time_zone: 'Europe/Moscow',
  weekly: [
    { day: 'mon', from: '09:00', to: '13:00' },
    { day: 'mon', from: '14:00', to: '18:00' },
  ],
  exceptions: [
    { date: '2026-12-31', off: true },
    { date: '2027-01-02', from: '10:00', to: '14:00' },
  ],
};
const sourceExample = { id: 1, name: 'Telegram Bot', routing: { mode: 'weighted_random', sticky: false }, channel: null };
const assignmentExample = { id: 1, operator_id: 1, source_id: 1, weight: 10, assigned: 0, quota: null, quota_used: null };
const contactExample = {
  id: 1,
  lead_id: 1,
  source_id: 1,
  operator_id: 1,
  status: 'open',
  created_at: '2026-11-25T07:09:09.429Z',
  closed_at: null,
  offer_expires_at: null,
  priority: 0,
  needs_manager: false,
};
const subscriptionExample = {
  id: 1,
  url: 'https://helpdesk.example.com/hooks/crm',
  events: ['contact.assigned', 'contact.closed'],
  description: 'Helpdesk',
  enabled: true,
  created_at: '2026-11-25T07:09:09.429Z',
  failing_since: null,
  disabled_reason: null,
};
const secretExample = { ...subscriptionExample, secret: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD' };
const deliveryExample = {
  id: 'dlv_1796172180000_0000000000000000000000000000000000004217_01',
  event_id: 'evt_8d2f0c1e9a4b7c3d5e6f708192',
  event_type: 'contact.assigned',
  created_at: '2026-11-25T07:09:09.612Z',
  attempts: 1,
  last_status: 200,
  last_error: null,
  next_attempt_at: null,
  delivered_at: '2026-11-25T07:09:10.020Z',
  failed_at: null,
};
const leadExample = { id: 1, external_id: '+79161234567', created_at: '2026-11-25T07:09:09.429Z' };

const list = (schema: z.ZodType, example: unknown): ResponseDoc => ({
  description: 'A page of the list in ascending id order; the next page, if any, is in the `Link: <...>; rel="next"` header',
  schema: z.array(schema),
  example: [example],
});
const one = (description: string, schema: z.ZodType, example?: unknown): ResponseDoc => ({ description, schema, example });
const webhookReply = one(
  'Received: the contacts made (a redelivery answers the same)',
  z.object({ ok: z.boolean(), contacts: z.array(z.number().int()) }),
  { ok: true, contacts: [12] },
);

/** Every route of the API. A test fails if this and `serverless.yml` disagree. */
export const ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/health',
    operationId: 'health',
    summary: 'Whether the API and its database answer',
    tag: 'Health',
    public: true,
    responses: { 200: one('Up', z.object({ status: z.literal('ok') }), { status: 'ok' }) },
  },
  {
    method: 'post',
    path: '/operators',
    operationId: 'createOperator',
    summary: 'Create an operator',
    tag: 'Operators',
    body: OperatorInput,
    bodyExample: { name: 'Оператор Иван', is_active: true, max_load: 5 },
    responses: { 201: one('The operator', Operator, operatorExample) },
  },
  {
    method: 'get',
    path: '/operators',
    operationId: 'listOperators',
    summary: 'List operators',
    tag: 'Operators',
    query: ListQuery,
    responses: { 200: list(Operator, operatorExample) },
  },
  {
    method: 'put',
    path: '/operators/{operator_id}',
    operationId: 'updateOperator',
    summary: "Replace an operator's name, activity and capacity",
    tag: 'Operators',
    pathParams: OperatorPath,
    body: OperatorInput,
    bodyExample: { name: 'Иван Обновленный', is_active: true, max_load: 7 },
    responses: {
      200: one('The operator; waiting contacts may have gone to them', Operator, {
        ...operatorExample,
        name: 'Иван Обновленный',
        max_load: 7,
      }),
    },
  },
  {
    method: 'get',
    path: '/operators/{operator_id}',
    operationId: 'getOperator',
    summary: 'An operator',
    tag: 'Operators',
    pathParams: OperatorPath,
    responses: { 200: one('The operator', Operator, operatorExample) },
  },
  {
    method: 'patch',
    path: '/operators/{operator_id}',
    operationId: 'patchOperator',
    summary: "Change some of an operator's fields",
    tag: 'Operators',
    pathParams: OperatorPath,
    body: OperatorPatch,
    bodyExample: { is_active: false },
    responses: { 200: one('The operator', Operator, { ...operatorExample, is_active: false }) },
  },
  {
    method: 'delete',
    path: '/operators/{operator_id}',
    operationId: 'deleteOperator',
    summary: 'Delete an operator without open contacts, with their assignments',
    tag: 'Operators',
    pathParams: OperatorPath,
    responses: { 204: { description: 'Deleted' } },
  },
  {
    method: 'get',
    path: '/operators/{operator_id}/load',
    operationId: 'operatorLoad',
    summary: "An operator's load beside the count of their open contacts",
    tag: 'Operators',
    pathParams: OperatorPath,
    responses: {
      200: one('The load', OperatorLoad, {
        operator_id: 1,
        is_active: true,
        current_load: 1,
        max_load: 7,
        free_capacity: 6,
        open_contacts: 1,
        offered_contacts: 0,
      }),
    },
  },
  {
    method: 'post',
    path: '/operators/{operator_id}/heartbeat',
    operationId: 'operatorHeartbeat',
    summary: "The operator's client says they are there (liveness)",
    tag: 'Operators',
    pathParams: OperatorPath,
    responses: {
      200: one('The operator', Operator, { ...operatorExample, presence_timeout_s: 60, last_heartbeat_at: '2026-12-01T09:00:00.000Z' }),
    },
  },
  {
    method: 'get',
    path: '/operators/{operator_id}/schedule',
    operationId: 'getOperatorSchedule',
    summary: "An operator's working hours (404 while none are set)",
    tag: 'Operators',
    pathParams: OperatorPath,
    responses: { 200: one('The working hours', WorkingHours, scheduleExample) },
  },
  {
    method: 'put',
    path: '/operators/{operator_id}/schedule',
    operationId: 'putOperatorSchedule',
    summary: "Set an operator's working hours",
    tag: 'Operators',
    pathParams: OperatorPath,
    body: WorkingHours,
    bodyExample: scheduleExample,
    responses: { 200: one('The working hours as stored', WorkingHours, scheduleExample) },
  },
  {
    method: 'delete',
    path: '/operators/{operator_id}/schedule',
    operationId: 'deleteOperatorSchedule',
    summary: "Remove an operator's working hours (always within hours)",
    tag: 'Operators',
    pathParams: OperatorPath,
    responses: { 204: { description: 'Removed' } },
  },
  {
    method: 'post',
    path: '/sources',
    operationId: 'createSource',
    summary: 'Create a source (a bot or a form)',
    tag: 'Sources',
    body: SourceInput,
    bodyExample: { name: 'Telegram Bot' },
    responses: { 201: one('The source', Source, sourceExample) },
  },
  {
    method: 'get',
    path: '/sources',
    operationId: 'listSources',
    summary: 'List sources',
    tag: 'Sources',
    query: ListQuery,
    responses: { 200: list(Source, sourceExample) },
  },
  {
    method: 'get',
    path: '/sources/{source_id}',
    operationId: 'getSource',
    summary: 'A source with its weighted operators',
    tag: 'Sources',
    pathParams: SourcePath,
    responses: { 200: one('The source', SourceWithAssignments, { ...sourceExample, assignments: [assignmentExample] }) },
  },
  {
    method: 'put',
    path: '/sources/{source_id}',
    operationId: 'updateSource',
    summary: "Replace a source's name, routing policy and channel",
    tag: 'Sources',
    pathParams: SourcePath,
    body: SourceInput,
    bodyExample: { name: 'Telegram Bot', routing: { mode: 'weighted_round_robin', sticky: true } },
    responses: { 200: one('The source', Source, { ...sourceExample, routing: { mode: 'weighted_round_robin', sticky: true } }) },
  },
  {
    method: 'delete',
    path: '/sources/{source_id}',
    operationId: 'deleteSource',
    summary: 'Delete a source that never had a contact, with its assignments',
    tag: 'Sources',
    pathParams: SourcePath,
    responses: { 204: { description: 'Deleted' } },
  },
  {
    method: 'get',
    path: '/sources/{source_id}/stats',
    operationId: 'sourceStats',
    summary: 'Expected against actual share per operator, and why they were passed over, for a period',
    tag: 'Sources',
    pathParams: SourcePath,
    query: SourceStatsQuery,
    responses: { 200: one('The stats', SourceStats) },
  },
  {
    method: 'post',
    path: '/sources/{source_id}/simulate',
    operationId: 'simulateSource',
    summary: 'What-if: route a period of real contacts, or synthetic ones, through a proposed setup; writes nothing',
    tag: 'Sources',
    pathParams: SourcePath,
    body: SimulationInput,
    bodyExample: {
      routing: { mode: 'smooth_weighted', sticky: false },
      assignments: [
        { operator_id: 1, weight: 10 },
        { operator_id: 2, weight: 30 },
      ],
      replay: { from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z' },
      seed: 1,
    },
    responses: { 200: one('The simulated outcome beside the real one', Simulation) },
  },
  {
    method: 'post',
    path: '/assignments',
    operationId: 'createAssignment',
    summary: 'Assign an operator to a source with a weight',
    tag: 'Assignments',
    body: AssignmentInput,
    bodyExample: { operator_id: 1, source_id: 1, weight: 10 },
    responses: { 201: one('The assignment', Assignment, assignmentExample) },
  },
  {
    method: 'get',
    path: '/assignments',
    operationId: 'listAssignments',
    summary: 'List assignments',
    tag: 'Assignments',
    query: ListQuery,
    responses: { 200: list(Assignment, assignmentExample) },
  },
  {
    method: 'put',
    path: '/assignments/{assignment_id}',
    operationId: 'updateAssignment',
    summary: "Change an assignment's weight and quota",
    tag: 'Assignments',
    pathParams: AssignmentPath,
    body: AssignmentWeightInput,
    bodyExample: { weight: 20, quota: { max: 40, per: 'day', time_zone: 'Europe/Moscow' } },
    responses: {
      200: one('The assignment', Assignment, {
        ...assignmentExample,
        weight: 20,
        quota: { max: 40, per: 'day', time_zone: 'Europe/Moscow' },
        quota_used: 0,
      }),
    },
  },
  {
    method: 'delete',
    path: '/assignments/{assignment_id}',
    operationId: 'deleteAssignment',
    summary: 'Take an operator off a source',
    tag: 'Assignments',
    pathParams: AssignmentPath,
    responses: { 204: { description: 'Removed; the operator keeps the contacts they have' } },
  },
  {
    method: 'post',
    path: '/contacts',
    operationId: 'registerContact',
    summary: 'Register a contact and route it to an operator',
    tag: 'Contacts',
    body: RegisterContactInput,
    headers: RegisterContactHeaders,
    bodyExample: { lead_external_id: '+79161234567', source_id: 1 },
    responses: {
      201: one('The contact; `operator_id` is null while it waits', Contact, contactExample),
      200: one('The original contact, for a repeated Idempotency-Key', Contact, contactExample),
    },
  },
  {
    method: 'get',
    path: '/contacts',
    operationId: 'listContacts',
    summary: 'List contacts, filtered',
    tag: 'Contacts',
    query: ContactListQuery,
    responses: { 200: list(Contact, contactExample) },
  },
  {
    method: 'get',
    path: '/contacts/{contact_id}',
    operationId: 'getContact',
    summary: 'A contact and why it went where it went',
    tag: 'Contacts',
    pathParams: ContactPath,
    responses: { 200: one('The contact with its routing explanation', ContactWithRouting) },
  },
  {
    method: 'post',
    path: '/contacts/{contact_id}/close',
    operationId: 'closeContact',
    summary: "Close a contact, freeing its operator's capacity",
    tag: 'Contacts',
    pathParams: ContactPath,
    responses: { 200: one('The closed contact', Contact, { ...contactExample, status: 'closed', closed_at: '2026-11-25T08:00:00.000Z' }) },
  },
  {
    method: 'post',
    path: '/contacts/{contact_id}/reopen',
    operationId: 'reopenContact',
    summary: 'Reopen a closed contact',
    tag: 'Contacts',
    pathParams: ContactPath,
    responses: { 200: one('The reopened contact', Contact, contactExample) },
  },
  {
    method: 'post',
    path: '/contacts/{contact_id}/reassign',
    operationId: 'reassignContact',
    summary: 'Move a contact and its load to another operator',
    tag: 'Contacts',
    pathParams: ContactPath,
    body: ReassignInput,
    bodyExample: { operator_id: 2 },
    responses: { 200: one('The contact', Contact, { ...contactExample, operator_id: 2 }) },
  },
  {
    method: 'post',
    path: '/contacts/{contact_id}/accept',
    operationId: 'acceptContact',
    summary: 'The offered operator takes the contact',
    tag: 'Contacts',
    pathParams: ContactPath,
    responses: { 200: one('The contact, now open', Contact, contactExample) },
  },
  {
    method: 'post',
    path: '/contacts/{contact_id}/decline',
    operationId: 'declineContact',
    summary: 'The offered operator turns the contact down; it moves on',
    tag: 'Contacts',
    pathParams: ContactPath,
    responses: {
      200: one('The contact as it is after moving on', Contact, {
        ...contactExample,
        operator_id: 2,
        status: 'offered',
        offer_expires_at: '2026-11-25T07:09:39.429Z',
      }),
    },
  },
  {
    method: 'post',
    path: '/subscriptions',
    operationId: 'createSubscription',
    summary: 'Subscribe a URL to events (signed by the Standard Webhooks spec)',
    tag: 'Events',
    body: SubscriptionInput,
    bodyExample: { url: subscriptionExample.url, events: subscriptionExample.events, description: 'Helpdesk' },
    responses: { 201: one('The subscription with its signing secret, shown this once', SubscriptionWithSecret, secretExample) },
  },
  {
    method: 'get',
    path: '/subscriptions',
    operationId: 'listSubscriptions',
    summary: 'List subscriptions',
    tag: 'Events',
    responses: { 200: one('Every subscription, in id order', z.array(Subscription), [subscriptionExample]) },
  },
  {
    method: 'get',
    path: '/subscriptions/{subscription_id}',
    operationId: 'getSubscription',
    summary: 'Get a subscription',
    tag: 'Events',
    pathParams: SubscriptionPath,
    responses: { 200: one('The subscription', Subscription, subscriptionExample) },
  },
  {
    method: 'put',
    path: '/subscriptions/{subscription_id}',
    operationId: 'updateSubscription',
    summary: 'Replace what a subscription asks for, or switch it off or on',
    tag: 'Events',
    pathParams: SubscriptionPath,
    body: SubscriptionInput,
    responses: { 200: one('The subscription', Subscription, subscriptionExample) },
  },
  {
    method: 'delete',
    path: '/subscriptions/{subscription_id}',
    operationId: 'deleteSubscription',
    summary: 'Delete a subscription',
    tag: 'Events',
    pathParams: SubscriptionPath,
    responses: { 204: { description: 'Deleted' } },
  },
  {
    method: 'post',
    path: '/subscriptions/{subscription_id}/rotate-secret',
    operationId: 'rotateSubscriptionSecret',
    summary: 'Replace the signing secret',
    tag: 'Events',
    pathParams: SubscriptionPath,
    responses: { 200: one('The subscription with its new secret, shown this once', SubscriptionWithSecret, secretExample) },
  },
  {
    method: 'post',
    path: '/subscriptions/{subscription_id}/test',
    operationId: 'testSubscription',
    summary: 'Send a ping event now',
    tag: 'Events',
    pathParams: SubscriptionPath,
    responses: { 200: one('How the receiver answered', TestDelivery, { delivered: true, status_code: 200 }) },
  },
  {
    method: 'get',
    path: '/subscriptions/{subscription_id}/deliveries',
    operationId: 'listDeliveries',
    summary: 'Deliveries of a subscription, newest first',
    tag: 'Events',
    pathParams: SubscriptionPath,
    query: DeliveryListQuery,
    responses: {
      200: {
        description: 'A page, newest first; the next page, if any, is in the `Link: <...>; rel="next"` header',
        schema: z.array(Delivery),
        example: [deliveryExample],
      },
    },
  },
  {
    method: 'post',
    path: '/subscriptions/{subscription_id}/deliveries/{delivery_id}/retry',
    operationId: 'retryDelivery',
    summary: 'Send a delivery again now',
    tag: 'Events',
    pathParams: DeliveryPath,
    responses: {
      200: one('Delivered or given up on before: sent again now, with how it went', Delivery, deliveryExample),
      202: one('Still pending: its queue is due now, in order', Delivery, {
        ...deliveryExample,
        delivered_at: null,
        next_attempt_at: deliveryExample.created_at,
      }),
    },
  },
  {
    method: 'put',
    path: '/telegram/bot',
    operationId: 'putTelegramBot',
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
  {
    method: 'get',
    path: '/telegram/bot',
    operationId: 'getTelegramBot',
    summary: 'Whether the operators’ bot is connected',
    tag: 'Telegram',
    responses: { 200: one('The bot, without its token', TelegramBot, { configured: false, username: null, webhook_url: null }) },
  },
  {
    method: 'delete',
    path: '/telegram/bot',
    operationId: 'deleteTelegramBot',
    summary: 'Disconnect the operators’ bot',
    tag: 'Telegram',
    responses: { 204: { description: 'Disconnected (or was not connected)' } },
  },
  {
    method: 'post',
    path: '/operators/{operator_id}/telegram-link',
    operationId: 'createTelegramLink',
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
  {
    method: 'delete',
    path: '/operators/{operator_id}/telegram-link',
    operationId: 'deleteTelegramLink',
    summary: 'Unlink the operator’s Telegram chat',
    tag: 'Telegram',
    pathParams: OperatorPath,
    responses: { 204: { description: 'Unlinked' } },
  },
  {
    method: 'post',
    path: '/webhooks/telegram-bot',
    operationId: 'telegramBotWebhook',
    summary: 'Updates of the operators’ bot (links and button presses), checked by X-Telegram-Bot-Api-Secret-Token',
    tag: 'Webhooks',
    public: true,
    body: z.record(z.string(), z.unknown()),
    responses: { 200: one('Handled', z.object({ ok: z.boolean() }), { ok: true }) },
  },
  {
    method: 'get',
    path: '/leads',
    operationId: 'listLeads',
    summary: 'List leads',
    tag: 'Leads',
    query: ListQuery,
    responses: { 200: list(Lead, leadExample) },
  },
  {
    method: 'get',
    path: '/leads/{lead_id}',
    operationId: 'getLead',
    summary: 'A lead with their latest contacts',
    tag: 'Leads',
    pathParams: LeadPath,
    responses: { 200: one('The lead', LeadWithContacts, { ...leadExample, contacts: [contactExample] }) },
  },
  {
    method: 'post',
    path: '/webhooks/telegram/{source_id}',
    operationId: 'telegramWebhook',
    summary: 'Telegram Bot API updates',
    tag: 'Webhooks',
    public: true,
    pathParams: WebhookPath,
    body: z.record(z.string(), z.unknown()),
    responses: { 200: webhookReply },
  },
  {
    method: 'post',
    path: '/webhooks/whatsapp/{source_id}',
    operationId: 'whatsappWebhook',
    summary: 'WhatsApp Cloud API notifications',
    tag: 'Webhooks',
    public: true,
    pathParams: WebhookPath,
    body: z.record(z.string(), z.unknown()),
    responses: { 200: webhookReply },
  },
  {
    method: 'get',
    path: '/webhooks/whatsapp/{source_id}',
    operationId: 'whatsappVerify',
    summary: "Meta's subscription handshake",
    tag: 'Webhooks',
    public: true,
    pathParams: WebhookPath,
    query: WhatsAppVerifyQuery,
    responses: { 200: { description: 'hub.challenge, as text', text: true, example: '1158201444' } },
  },
  {
    method: 'post',
    path: '/webhooks/vk/{source_id}',
    operationId: 'vkWebhook',
    summary: 'VK Callback API events',
    tag: 'Webhooks',
    public: true,
    pathParams: WebhookPath,
    body: z.record(z.string(), z.unknown()),
    responses: { 200: { description: 'The confirmation string, or ok', text: true, example: 'ok' } },
  },
];
