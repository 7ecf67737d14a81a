import { randomUUID } from 'node:crypto';
import {
  closeQueue,
  deliveriesAfter,
  dueQueues,
  endDelivery,
  leaseQueue,
  recordAttempt,
  rescheduleQueue,
  type StoredDelivery,
} from '../db/deliveries';
import { pause } from '../db/retry';
import { getSubscription, recordReceiverFailure, recordReceiverSuccess } from '../db/subscriptions';
import { logError } from '../log';
import type { Random } from '../routing/weighted';
import { sendToTelegram } from '../telegram/deliver';
import { sendSignedEvent, type AttemptResult } from './send';

/** Waits after the 1st, 2nd, ... failed attempt, in seconds; hourly after the last, until `GIVE_UP_AFTER_MS`. */
export const RETRY_DELAYS_S = [5, 30, 120, 600, 1800, 3600] as const;
/** A delivery still failing this long after its first attempt is failed; a subscription failing this long is switched off. */
export const GIVE_UP_AFTER_MS = 24 * 3600 * 1000;
/** How long a holder may keep a queue: more than a receiver's timeout, less than a retry's shortest wait. */
const LEASE_MS = 30_000;
/** After this long on one queue, its holder gives it back due now, so that the lease never runs out mid-send. */
const QUEUE_BUDGET_MS = 15_000;
/** A disabled subscription's queues are looked at again this much later (it may be switched on again). */
const DISABLED_RECHECK_MS = 5 * 60_000;
const BATCH = 10;

/** The wait before the next attempt after `failures` failed ones, with ±20 % jitter so that retries of many deliveries spread out. */
export function retryDelayMs(failures: number, random: Random): number {
  const base = RETRY_DELAYS_S[Math.min(failures, RETRY_DELAYS_S.length) - 1]! * 1000;
  return Math.round(base * (0.8 + 0.4 * random()));
}

export interface DeliveryOptions {
  now?: () => Date;
  random?: Random;
}

/** Whom a delivery goes to, as read once per tick: a way to send, and to note how the receiver did. */
type Recipient =
  | 'gone'
  | 'disabled'
  | { send: (delivery: StoredDelivery, at: Date) => Promise<AttemptResult>; noted: (ok: boolean, at: Date) => Promise<void> };
export type Recipients = Map<StoredDelivery['to'], Promise<Recipient>>;

async function readRecipient(to: StoredDelivery['to']): Promise<Recipient> {
  if (to === 'telegram') return { send: sendToTelegram, noted: async () => {} };
  const subscription = await getSubscription(to);
  if (!subscription) return 'gone';
  if (!subscription.enabled) return 'disabled';
  return {
    send: (delivery, at) => sendSignedEvent(subscription.url, subscription.secret, delivery.event_id, delivery.payload, at),
    noted: (ok, at) => (ok ? recordReceiverSuccess(subscription) : recordReceiverFailure(subscription, at, GIVE_UP_AFTER_MS)),
  };
}

const recipientOf = (recipients: Recipients, to: StoredDelivery['to']) => {
  if (!recipients.has(to)) recipients.set(to, readRecipient(to));
  return recipients.get(to)!;
};

/**
 * Sends what is due in one queue, in order: each delivery only after the one before it was
 * delivered or given up on, so that a receiver never sees a subject's events out of order. A failed
 * attempt waits out its retry delay, and the rest of the queue with it. Answers how many were delivered.
 */
export async function deliverQueue(
  partition: string,
  { now = () => new Date(), random = Math.random }: DeliveryOptions = {},
  recipients: Recipients = new Map(),
): Promise<number> {
  const leaseId = randomUUID();
  const started = now();
  const queue = await leaseQueue(partition, leaseId, started, LEASE_MS);
  if (!queue) return 0;
  let delivered = 0;
  const next = () => deliveriesAfter(partition, queue.cursor, BATCH, queue.last);
  for (let batch = await next(); ; batch = await next()) {
    if (now().getTime() - started.getTime() > QUEUE_BUDGET_MS) {
      await rescheduleQueue(queue, leaseId, now());
      return delivered;
    }
    for (const delivery of batch) {
      const at = now();
      if (delivery.state === 'pending') {
        const waitUntil = delivery.next_attempt_at ? Date.parse(delivery.next_attempt_at) : 0;
        if (waitUntil > at.getTime() || at.getTime() - started.getTime() > QUEUE_BUDGET_MS) {
          await rescheduleQueue(queue, leaseId, new Date(Math.max(waitUntil, at.getTime())));
          return delivered;
        }
        const recipient = await recipientOf(recipients, delivery.to);
        if (recipient === 'disabled') {
          await rescheduleQueue(queue, leaseId, new Date(at.getTime() + DISABLED_RECHECK_MS));
          return delivered;
        }
        const outcome =
          recipient === 'gone'
            ? (await endDelivery(
                delivery,
                { state: 'failed', failed_at: at.toISOString(), next_attempt_at: null, last_error: 'subscription deleted' },
                at,
              ))
              ? 'ended'
              : 'taken'
            : await attempt(delivery, recipient, at, random);
        // Someone else recorded it first: this holder's lease ran out, and the queue is theirs now.
        if (outcome === 'taken') return delivered;
        if (outcome instanceof Date) {
          await rescheduleQueue(queue, leaseId, outcome);
          return delivered;
        }
        if (outcome === 'delivered') delivered++;
      }
      queue.cursor = delivery.seq;
    }
    // A short batch was the whole queue as read: close it (if a delivery joined since, closing keeps it, due now).
    if (batch.length < BATCH) {
      await closeQueue(queue, leaseId, now());
      return delivered;
    }
  }
}

/** One attempt at a delivery, recorded; answers when to try again, or how it ended (`taken`: someone else recorded it first). */
async function attempt(
  delivery: StoredDelivery,
  recipient: Exclude<Recipient, 'gone' | 'disabled'>,
  at: Date,
  random: Random,
): Promise<Date | 'delivered' | 'ended' | 'taken'> {
  const result = await recipient.send(delivery, at);
  const firstAttemptAt = delivery.first_attempt_at ?? at.toISOString();
  const fields = {
    attempts: delivery.attempts + 1,
    last_status: result.status,
    last_error: result.error,
    first_attempt_at: firstAttemptAt,
  };
  let outcome: Date | 'delivered' | 'ended' | 'taken';
  if (result.ok) {
    outcome = (await endDelivery(delivery, { ...fields, state: 'delivered', delivered_at: at.toISOString(), next_attempt_at: null }, at))
      ? 'delivered'
      : 'taken';
  } else if (result.permanent || at.getTime() - Date.parse(firstAttemptAt) >= GIVE_UP_AFTER_MS) {
    outcome = (await endDelivery(delivery, { ...fields, state: 'failed', failed_at: at.toISOString(), next_attempt_at: null }, at))
      ? 'ended'
      : 'taken';
  } else {
    const retryAt = new Date(at.getTime() + retryDelayMs(fields.attempts, random));
    outcome = (await recordAttempt(delivery, { ...fields, next_attempt_at: retryAt.toISOString() })) ? retryAt : 'taken';
  }
  // After the delivery's own record: how its receiver is doing is bookkeeping, and must not make it be sent again.
  await recipient.noted(result.ok, at).catch((error) => logError('receiver state not recorded', error));
  return outcome;
}

/** One look at the due index: every due queue, delivered in parallel (each in its own order). Answers how many were delivered. */
export async function deliverDue(options: DeliveryOptions = {}): Promise<number> {
  const recipients: Recipients = new Map();
  const queues = await dueQueues((options.now ?? (() => new Date()))(), 50);
  const counts = await Promise.all(queues.map((partition) => deliverQueue(partition, options, recipients)));
  return counts.reduce((sum, count) => sum + count, 0);
}

/** How often the delivery timer looks for due queues. */
export const DELIVERY_TICK_MS = 500;
const MAX_QUEUES_IN_FLIGHT = 64;

/**
 * Looks for due queues every `tickMs` until `until()` says stop, and works each on its own: a slow
 * receiver holds up only its own queue, never the tick or the others. Waits for the queues in hand
 * before it returns. Answers how many deliveries were delivered.
 */
export async function runDeliveryTimer({ until, tickMs = DELIVERY_TICK_MS }: { until: () => boolean; tickMs?: number }): Promise<number> {
  const inFlight = new Map<string, Promise<void>>();
  let delivered = 0;
  while (!until()) {
    const started = Date.now();
    try {
      const recipients: Recipients = new Map();
      for (const partition of await dueQueues(new Date(), MAX_QUEUES_IN_FLIGHT)) {
        if (inFlight.has(partition) || inFlight.size >= MAX_QUEUES_IN_FLIGHT) continue;
        const work = deliverQueue(partition, {}, recipients)
          .then((count) => {
            delivered += count;
          })
          .catch((error) => logError('delivery queue failed', error))
          .finally(() => inFlight.delete(partition));
        inFlight.set(partition, work);
      }
    } catch (error) {
      logError('delivery timer tick failed', error);
    }
    if (until()) break;
    await pause(Math.max(0, tickMs - (Date.now() - started)));
  }
  await Promise.all(inFlight.values());
  return delivered;
}
