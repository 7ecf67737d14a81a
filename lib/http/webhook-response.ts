import type { WebhookReply } from '../webhooks/receive';
import { ok, text, type Response } from './responses';

/** A webhook's answer: JSON, or the plain text some platforms expect. */
export const webhookResponse = (reply: WebhookReply): Response => ('text' in reply ? text(reply.text) : ok(reply.json));
