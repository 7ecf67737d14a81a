import { randomBytes, randomUUID } from 'node:crypto';
import {
  deliveriesAfter,
  findDelivery,
  listDeliveries,
  queueCursor,
  recordAttempt,
  recordReplay,
  rescheduleQueueNow,
  type StoredDelivery,
} from '../db/deliveries';
import type { Page, PageRequest } from '../db/pagination';
import * as store from '../db/subscriptions';
import { ConflictError, notFound } from '../errors';
import { Delivery, Subscription, type StoredSubscription, type SubscriptionInput, SubscriptionWithSecret } from '../schemas/events';
import { sendSignedEvent } from './send';

/** A team has at most this many subscriptions: every change is matched against all of them. */
export const MAX_SUBSCRIPTIONS = 50;

/** A Standard Webhooks secret: `whsec_` and 24 random bytes in base64. */
const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;
const view = (subscription: StoredSubscription) => Subscription.parse(subscription);

async function existing(id: number): Promise<StoredSubscription> {
  const subscription = await store.getSubscription(id);
  if (!subscription) throw notFound('Subscription', id);
  return subscription;
}

/** Subscribes a URL to events; the answer is the only one that shows the signing secret. */
export async function subscribe(input: SubscriptionInput, now = new Date()) {
  if ((await store.listSubscriptions()).length >= MAX_SUBSCRIPTIONS) {
    throw new ConflictError(`At most ${MAX_SUBSCRIPTIONS} subscriptions; delete one first`);
  }
  return SubscriptionWithSecret.parse(await store.createSubscription(input, newSecret(), now));
}

export const listSubscriptionViews = async () => (await store.listSubscriptions()).map(view);
export const readSubscription = async (id: number) => view(await existing(id));
export const replaceSubscription = async (id: number, input: SubscriptionInput) => view(await store.replaceSubscription(id, input));
export const unsubscribe = (id: number) => store.deleteSubscription(id);

/** A new secret for the subscription, shown once; deliveries from now on are signed with it. */
export const rotateSecret = async (id: number) => SubscriptionWithSecret.parse(await store.setSubscriptionSecret(id, newSecret()));

/** Sends a `ping` to the subscription's URL at once and says how the receiver answered. */
export async function pingSubscription(id: number, now = new Date()) {
  const subscription = await existing(id);
  const event = {
    id: `evt_ping_${randomUUID().replaceAll('-', '')}`,
    type: 'ping',
    created_at: now.toISOString(),
    data: { subscription_id: id },
  };
  const result = await sendSignedEvent(subscription.url, subscription.secret, event.id, JSON.stringify(event), now);
  return { delivered: result.ok, status_code: result.status };
}

export async function listSubscriptionDeliveries(id: number, page: PageRequest): Promise<Page<Delivery>> {
  await existing(id);
  return listDeliveries(id, page);
}

/**
 * "Send it again now". A delivery still pending in its queue is made due now, with what is ahead
 * of it, so that order holds (202: the delivery timer sends it within a second or so). One that was
 * delivered or given up on is sent again at once, signed anew with the same event id (200).
 */
export async function retryDelivery(id: number, deliveryId: string, now = new Date()): Promise<{ delivery: Delivery; sent: boolean }> {
  const subscription = await existing(id);
  const delivery = await findDelivery(id, deliveryId);
  if (!delivery) throw notFound('Delivery', deliveryId);
  if (delivery.state === 'pending') {
    const cursor = await queueCursor(delivery.partition);
    const ahead = (await deliveriesAfter(delivery.partition, cursor, 100, delivery.seq)).filter((d) => d.state === 'pending');
    await Promise.all(ahead.map((d) => recordAttempt(d, { next_attempt_at: now.toISOString() })));
    await rescheduleQueueNow(delivery.partition, now);
    return { delivery: Delivery.parse({ ...delivery, next_attempt_at: now.toISOString() }), sent: false };
  }
  const result = await sendSignedEvent(subscription.url, subscription.secret, delivery.event_id, delivery.payload, now);
  const fields: Partial<StoredDelivery> = {
    attempts: delivery.attempts + 1,
    last_status: result.status,
    last_error: result.error,
    ...(result.ok ? { delivered_at: now.toISOString() } : {}),
  };
  await recordReplay(delivery, fields);
  return { delivery: Delivery.parse({ ...delivery, ...fields }), sent: true };
}
