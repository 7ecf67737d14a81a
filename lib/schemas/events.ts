import * as z from 'zod';
import { Id, ListQuery, PathId, Timestamp } from './common';

/** What an outbound event can say happened. `ping` is only sent by `POST /subscriptions/{id}/test`. */
export const EVENT_TYPES = [
  'contact.created',
  'contact.offered',
  'contact.accepted',
  'contact.declined',
  'contact.offer_expired',
  'contact.assigned',
  'contact.waiting',
  'contact.closed',
  'contact.reopened',
  'contact.reassigned',
  'operator.updated',
  'ping',
] as const;
export const EventType = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventType>;

/**
 * Where events go. Deployed stages take `https` only; the local stack (`EVENTS_ALLOW_LOCAL_HTTP=1`)
 * also takes `http://127.0.0.1` and `http://localhost`, so that a receiver on this machine can be tried.
 */
export const SubscriptionUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => URL.canParse(value), 'not a valid URL')
  .refine((value) => {
    const url = new URL(value);
    if (url.protocol === 'https:') return true;
    const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
    return url.protocol === 'http:' && local && process.env.EVENTS_ALLOW_LOCAL_HTTP === '1';
  }, 'must be an https:// URL (http://127.0.0.1 and http://localhost only on the local stack)');

/** Body of `POST /subscriptions/` and `PUT /subscriptions/{subscription_id}`. */
export const SubscriptionInput = z.object({
  url: SubscriptionUrl,
  /** Event types, or `["*"]` for all of them. */
  events: z
    .array(z.union([EventType, z.literal('*')]))
    .min(1)
    .max(EVENT_TYPES.length + 1)
    .transform((events) => [...new Set(events)]),
  description: z.string().trim().max(500).default(''),
  /** Only on PUT: switch a subscription off, or on again after it was disabled for failing. */
  enabled: z.boolean().default(true),
});
export type SubscriptionInput = z.infer<typeof SubscriptionInput>;

export const SubscriptionPath = z.object({ subscription_id: PathId });
export const DeliveryPath = SubscriptionPath.extend({ delivery_id: z.string().regex(/^dlv_[0-9a-z_]{1,64}$/, 'not a delivery id') });

/** A subscription as the API shows it: never with its secret, except in the answers that make one. */
export const Subscription = z.object({
  id: Id,
  url: z.string(),
  events: z.array(z.string()),
  description: z.string(),
  enabled: z.boolean(),
  created_at: Timestamp,
  /** Since when every attempt failed; cleared by the next success. */
  failing_since: Timestamp.nullable().default(null),
  /** Why the subscription was switched off by the system (failing 24 h in a row); null otherwise. */
  disabled_reason: z.string().nullable().default(null),
});
export type Subscription = z.infer<typeof Subscription>;

/** `POST /subscriptions/` and `POST .../rotate-secret`: the one time the signing secret is shown. */
export const SubscriptionWithSecret = Subscription.extend({ secret: z.string() });

export const StoredSubscription = SubscriptionWithSecret;
export type StoredSubscription = z.infer<typeof StoredSubscription>;

/** `POST /subscriptions/{subscription_id}/test`. */
export const TestDelivery = z.object({ delivered: z.boolean(), status_code: z.number().int().nullable() });

/** One event's delivery to one subscription. */
export const Delivery = z.object({
  id: z.string(),
  event_id: z.string(),
  event_type: z.string(),
  created_at: Timestamp,
  attempts: z.number().int(),
  /** The receiver's HTTP status of the last attempt; null when it could not be reached or timed out. */
  last_status: z.number().int().nullable(),
  last_error: z.string().nullable(),
  /** When the next attempt is due; null once delivered or failed. */
  next_attempt_at: Timestamp.nullable(),
  delivered_at: Timestamp.nullable(),
  /** When it was given up on, 24 h after its first attempt failed. */
  failed_at: Timestamp.nullable(),
});
export type Delivery = z.infer<typeof Delivery>;

export const DeliveryListQuery = ListQuery;

/** What a receiver gets: the body every signature is computed over. */
export const WebhookEvent = z.object({
  id: z.string(),
  type: EventType,
  created_at: Timestamp,
  data: z.record(z.string(), z.unknown()),
});
export type WebhookEvent = z.infer<typeof WebhookEvent>;
