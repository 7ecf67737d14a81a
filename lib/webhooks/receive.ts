import { takeWebhookContact } from '../auth/rate-limit';
import { registerContact } from '../contacts/register';
import { webhookDeliveryScope } from '../db/keys';
import { getSourceRouting, type SourceRouting } from '../db/sources';
import { ForbiddenError, InvalidError, NotFoundError, notFound, UnauthorizedError } from '../errors';
import { parseJson } from '../http/validation';
import type { Channel } from '../schemas/sources';
import { telegramDeliveries, VkEvent, vkDeliveries, whatsappDeliveries, type Delivery } from './platforms';
import { hubSignatureMatches, secretsMatch } from './signatures';

type Platform = Channel['type'];
type ChannelOf<P extends Platform> = Extract<Channel, { type: P }>;
type Headers = Record<string, string | undefined>;

/** What to answer the platform. */
export type WebhookReply = { json: unknown } | { text: string };

/** The source's channel for `platform`, or the 404 for a source that has none. */
function channelOf<P extends Platform>(platform: P, sourceId: number, routing: SourceRouting | undefined): ChannelOf<P> {
  if (!routing) throw notFound('Source', sourceId);
  if (routing.channel?.type !== platform) throw new NotFoundError(`Source ${sourceId} has no ${platform} channel`);
  return routing.channel as ChannelOf<P>;
}

/**
 * Registers each contact of a delivery exactly once, however often and however concurrently the
 * platform retries it: each carries its own idempotency record, written in the transaction that
 * creates the contact. The payload is parsed before the source is read (it is only trusted once
 * `authorize` accepts it), so that the source, the lead and the idempotency record are read in one
 * round trip, and nothing is written for a delivery that fails the check.
 */
async function ingest<P extends Platform>(
  platform: P,
  sourceId: number,
  deliveries: Delivery[] | 'invalid',
  authorize: (channel: ChannelOf<P>) => void,
): Promise<number[]> {
  const check = (read: SourceRouting | undefined) => authorize(channelOf(platform, sourceId, read));
  if (deliveries === 'invalid' || deliveries.length === 0) {
    check(await getSourceRouting(sourceId));
    if (deliveries === 'invalid') throw new InvalidError(`not a ${platform} webhook payload`, ['body']);
    return [];
  }
  // One after another: contacts keep the order their messages were written in.
  const contacts: number[] = [];
  for (const delivery of deliveries) {
    const { contact } = await registerContact(
      { lead_external_id: delivery.leadExternalId, source_id: sourceId },
      {
        authorize: check,
        idempotencyScope: webhookDeliveryScope(platform, sourceId, delivery.deliveryId),
        spendBudget: () => takeWebhookContact(sourceId),
      },
    );
    contacts.push(contact.id);
  }
  return contacts;
}

/**
 * The body as JSON, or undefined when it is not JSON: malformed bodies are refused only after the
 * source and the signature are checked, so that a stranger learns nothing from a parse error.
 */
function jsonOrUndefined(body: Buffer): unknown {
  try {
    return parseJson(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Telegram Bot API: the `X-Telegram-Bot-Api-Secret-Token` header must carry the source's secret_token. */
export async function receiveTelegram(sourceId: number, headers: Headers, body: Buffer): Promise<WebhookReply> {
  const contacts = await ingest('telegram', sourceId, telegramDeliveries(jsonOrUndefined(body)), (channel) => {
    if (!secretsMatch(headers['x-telegram-bot-api-secret-token'], channel.secret_token)) {
      throw new UnauthorizedError('Missing or wrong X-Telegram-Bot-Api-Secret-Token');
    }
  });
  return { json: { ok: true, contacts } };
}

/** WhatsApp Cloud API: `X-Hub-Signature-256` must be the HMAC-SHA256 of the raw body under the app secret. */
export async function receiveWhatsApp(sourceId: number, headers: Headers, body: Buffer): Promise<WebhookReply> {
  // The signature is checked over the bytes as sent, before anything of the body is trusted.
  const contacts = await ingest('whatsapp', sourceId, whatsappDeliveries(jsonOrUndefined(body)), (channel) => {
    if (!hubSignatureMatches(headers['x-hub-signature-256'], body, channel.app_secret)) {
      throw new UnauthorizedError('Missing or wrong X-Hub-Signature-256');
    }
  });
  return { json: { ok: true, contacts } };
}

/** WhatsApp's subscription handshake: echo `hub.challenge` when `hub.verify_token` is the source's. */
export async function verifyWhatsAppSubscription(sourceId: number, query: Record<string, string | undefined>): Promise<WebhookReply> {
  const channel = channelOf('whatsapp', sourceId, await getSourceRouting(sourceId));
  if (query['hub.mode'] !== 'subscribe' || !secretsMatch(query['hub.verify_token'], channel.verify_token)) {
    throw new ForbiddenError('Wrong hub.mode or hub.verify_token');
  }
  return { text: query['hub.challenge'] ?? '' };
}

/**
 * VK Callback API: every event carries the source's `secret`; `confirmation` is answered with the
 * source's confirmation string, everything else with `ok` (anything else makes VK retry).
 */
export async function receiveVk(sourceId: number, body: Buffer): Promise<WebhookReply> {
  // VK's proof is inside the body: a body that is not an event is refused as unauthenticated.
  const parsed = VkEvent.safeParse(jsonOrUndefined(body));
  let confirmation: string | undefined;
  await ingest('vk', sourceId, parsed.success ? vkDeliveries(parsed.data) : 'invalid', (channel) => {
    if (!parsed.success || !secretsMatch(parsed.data.secret, channel.secret)) throw new UnauthorizedError('Missing or wrong secret');
    confirmation = channel.confirmation;
  });
  return { text: parsed.success && parsed.data.type === 'confirmation' ? confirmation! : 'ok' };
}
